// Cameras module of camgap.
