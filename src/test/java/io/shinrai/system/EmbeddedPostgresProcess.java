package io.shinrai.system;

import java.nio.file.Path;
import java.util.Map;

/**
 * A JVM of its own that starts the embedded server as the application does and keeps it
 * until it is killed: what a crashed application leaves behind. Prints
 * {@code READY <postmaster pid> <port>} once the server accepts connections.
 */
public final class EmbeddedPostgresProcess {

	private EmbeddedPostgresProcess() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgresServer.Options options = EmbeddedPostgresServer.Options.of(Path.of(args[0]))
			.withBinariesDirectory(args.length > 1 ? Path.of(args[1]) : null)
			.withSettings(Map.of(), false);
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(options);
		System.out.println("READY " + server.pid() + " " + server.port());
		System.out.flush();
		// until killed
		while (true) {
			synchronized (EmbeddedPostgresProcess.class) {
				EmbeddedPostgresProcess.class.wait();
			}
		}
	}

}
