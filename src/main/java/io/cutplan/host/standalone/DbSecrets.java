package io.cutplan.host.standalone;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's three passwords (superuser, schema owner, application), generated on first start and
 * kept in a file readable by this OS user only (0600) beside the data directory. Never logged: {@link #toString()}
 * hides them.
 */
record DbSecrets(String superuser, String owner, String app) {
    private static final Logger LOG = LoggerFactory.getLogger(DbSecrets.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    static DbSecrets generate() {
        return new DbSecrets(random(), random(), random());
    }

    /** {@code <data-dir>.secrets}, a sibling of the data directory (so a copy of the data alone carries no password). */
    static Path fileFor(Path dataDir) {
        Path abs = dataDir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".secrets");
    }

    static boolean exists(Path file) {
        return Files.exists(file);
    }

    static DbSecrets load(Path file) {
        try {
            if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                LOG.warn("{} was readable by others ({}); restricting it to its owner (0600). If others may have read it, "
                        + "delete it together with the data directory's contents or change the roles' passwords",
                        file, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            DbSecrets s = new DbSecrets(p.getProperty("superuser"), p.getProperty("owner"), p.getProperty("app"));
            if (s.superuser == null || s.owner == null || s.app == null) {
                throw new IllegalStateException(file + " is incomplete (needs superuser, owner and app)");
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the file atomically, created 0600 from the start (never briefly readable by others). */
    void save(Path file) {
        String text = "# Cutplan's embedded PostgreSQL passwords (generated). Keep this file private; never share it.\n"
                + "superuser=" + superuser + "\nowner=" + owner + "\napp=" + app + "\n";
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file holding one password (initdb's {@code --pwfile}), 0600; the caller deletes it. */
    static Path writeOneSecret(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, secret + "\n");
        return file;
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public String toString() {
        return "DbSecrets[***]";
    }
}
