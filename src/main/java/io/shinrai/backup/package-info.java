/**
 * Backups of the database: taken on a schedule and on demand with PostgreSQL's own backup
 * mechanisms, kept readable by the application's OS user only, checksummed, rotated,
 * listed, audited. A failure is published as {@link io.shinrai.backup.BackupFailed} for
 * the admins to hear about.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backups")
package io.shinrai.backup;
