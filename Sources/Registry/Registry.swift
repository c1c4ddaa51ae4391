// Registry module of camgap.
