print("cabinet")
