package io.shinrai.system;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Files and directories of the application that other OS users must neither read nor
 * replace: the embedded database's password and binaries, upload working files. A check
 * that fails throws {@link UnsafePathException} with the path and the reason.
 */
public final class PrivateFiles {

	/** {@code rwx------} */
	public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	/** {@code rw-------} */
	public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = Set.of(PosixFilePermission.GROUP_WRITE,
			PosixFilePermission.OTHERS_WRITE);

	private PrivateFiles() {
	}

	/**
	 * A path the application refuses to use: others could read or replace what it holds.
	 */
	public static final class UnsafePathException extends IllegalStateException {

		UnsafePathException(String message) {
			super(message);
		}

	}

	/** Creates {@code directory} (0700) or checks an existing one. */
	public static void createDirectory(Path directory) throws IOException {
		checkAncestors(directory.getParent() == null ? directory : directory.getParent());
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectories(directory.getParent());
			try {
				Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			catch (FileAlreadyExistsException ex) {
				// made meanwhile by another start; checked below
			}
		}
		check(directory, "directory");
		Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
	}

	/**
	 * Refuses a path that is not this user's or that others may write to (or replace).
	 */
	public static void check(Path path, String what) throws IOException {
		if (Files.isSymbolicLink(path)) {
			throw new UnsafePathException("The " + what + " " + path + " is a symbolic link; refusing to use it.");
		}
		PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		UserPrincipal me = currentUser(path);
		if (!attributes.owner().equals(me)) {
			throw new UnsafePathException("The " + what + " " + path + " belongs to " + attributes.owner().getName()
					+ ", not to " + me.getName() + " who runs Shinrai; refusing to use it.");
		}
		if (attributes.permissions().stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
			throw new UnsafePathException("The " + what + " " + path + " may be written by other users ("
					+ PosixFilePermissions.toString(attributes.permissions()) + "); refusing to use it.");
		}
	}

	/**
	 * Each directory above must be root's or ours and not writable by others, unless
	 * sticky (as /tmp is).
	 */
	private static void checkAncestors(Path directory) throws IOException {
		UserPrincipal me = currentUser(directory.getRoot());
		for (Path path = directory; path != null; path = path.getParent()) {
			if (!Files.exists(path)) {
				continue;
			}
			PosixFileAttributes attributes = Files.readAttributes(path.toRealPath(), PosixFileAttributes.class);
			String owner = attributes.owner().getName();
			boolean sticky = (Integer.parseInt(Files.getAttribute(path.toRealPath(), "unix:mode").toString())
					& 01000) != 0;
			if (!owner.equals("root") && !attributes.owner().equals(me)) {
				throw new UnsafePathException("The directory " + path + " belongs to " + owner + ", who could replace "
						+ "these files; choose a directory in a place only you and root control.");
			}
			if (!sticky && attributes.permissions().stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
				throw new UnsafePathException(
						"The directory " + path + " may be written by other users, who could replace "
								+ "these files; choose a directory in a place only you and root control.");
			}
		}
	}

	private static UserPrincipal currentUser(Path anywhere) throws IOException {
		return anywhere.getFileSystem()
			.getUserPrincipalLookupService()
			.lookupPrincipalByName(System.getProperty("user.name"));
	}

}
