"""Help › About and Help › 使用说明 (issue #19, "Desktop details")."""
