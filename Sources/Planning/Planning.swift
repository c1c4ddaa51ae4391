// Planning module of camgap.
