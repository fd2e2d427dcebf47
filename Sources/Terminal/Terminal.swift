import CNcursesw
public enum TerminalModule {}
