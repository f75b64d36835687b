print("talabati")
