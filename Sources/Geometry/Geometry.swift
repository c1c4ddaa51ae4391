// Geometry module of camgap.
