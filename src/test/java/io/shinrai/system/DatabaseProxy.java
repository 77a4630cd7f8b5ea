package io.shinrai.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a loopback port in front of the tests' PostgreSQL, which a test can cut
 * (every connection closed, new ones refused: the database is away) and open again on the
 * same port.
 */
final class DatabaseProxy {

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private int port;

	DatabaseProxy(int targetPort) {
		this.targetPort = targetPort;
	}

	int port() {
		return port;
	}

	synchronized void open() throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		port = socket.getLocalPort();
		server = socket;
		Thread acceptor = new Thread(() -> accept(socket), "database-proxy-" + port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	synchronized void cut() throws IOException {
		server.close();
		for (Socket socket : sockets) {
			socket.close();
		}
		sockets.clear();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket database = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				sockets.add(client);
				sockets.add(database);
				pump(client, database);
				pump(database, client);
			}
			catch (IOException ex) {
				// closed by cut()
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side went away
			}
			finally {
				close(from);
				close(to);
			}
		}, "database-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private void close(Socket socket) {
		sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
