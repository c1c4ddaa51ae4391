// Reports module of camgap.
