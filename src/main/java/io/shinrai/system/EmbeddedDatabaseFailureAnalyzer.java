package io.shinrai.system;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Puts why the embedded database was not started (another application runs on it, a
 * setting lowers durability, a directory others may write) at the end of the log as the
 * reason the application did not start, not deep in a trace.
 */
class EmbeddedDatabaseFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof EmbeddedPostgresServer.RefusedException
					|| cause instanceof PrivateFiles.UnsafePathException) {
				return new FailureAnalysis("The embedded PostgreSQL was not started: " + cause.getMessage(),
						"See docs/operations.md (the embedded PostgreSQL), or configure SPRING_DATASOURCE_URL for a "
								+ "server of your own.",
						cause);
			}
		}
		return null;
	}

}
