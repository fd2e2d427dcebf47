import GRDB
import Decisions
public enum DecisionStoreModule {}
