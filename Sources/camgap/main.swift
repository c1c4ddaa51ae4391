print("camgap")
