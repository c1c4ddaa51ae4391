// Audit module of camgap.
