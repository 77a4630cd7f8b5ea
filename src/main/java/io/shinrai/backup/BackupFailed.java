package io.shinrai.backup;

import java.time.Instant;
import java.util.List;

/**
 * A backup failed: {@code messageKey} and {@code arguments} say why (message bundles),
 * {@code actor} who asked for it ({@code system} for the schedule).
 */
public record BackupFailed(Instant at, String actor, String messageKey, List<String> arguments) {
}
