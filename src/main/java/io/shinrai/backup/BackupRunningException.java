package io.shinrai.backup;

/**
 * Another backup is being taken (by this instance or another); this one was not started.
 */
public class BackupRunningException extends RuntimeException {

	BackupRunningException() {
		super("A backup is already being taken");
	}

}
