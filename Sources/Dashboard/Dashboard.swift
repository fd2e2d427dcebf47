public enum DashboardModule {}
