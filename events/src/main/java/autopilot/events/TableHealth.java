package autopilot.events;

import jakarta.annotation.Nullable;

/** A table's health as read back from SVV_TABLE_INFO. */
public record TableHealth(@Nullable Double unsortedPct, @Nullable Double statsOffPct,
                          @Nullable Long rows, @Nullable Long sizeMb) {
}
