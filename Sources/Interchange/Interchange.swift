public enum InterchangeModule {}
