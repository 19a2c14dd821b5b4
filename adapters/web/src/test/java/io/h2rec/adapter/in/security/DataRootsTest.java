package io.h2rec.adapter.in.security;

import io.h2rec.domain.error.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dataset locations resolve only under the data roots, and every refusal reads the same. */
class DataRootsTest {
    @Test
    void aFolderUnderARootResolvesByAbsoluteOrRelativeName(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Path beauty = Files.createDirectories(root.resolve("beauty"));
        DataRoots roots = new DataRoots(List.of(root));
        assertEquals(beauty.toRealPath().toString(), roots.resolve(beauty.toString()));
        assertEquals(beauty.toRealPath().toString(), roots.resolve("beauty"));
        assertEquals("beauty", roots.display(beauty.toString()));
        assertEquals("beauty/x.csv", roots.display(beauty.resolve("x.csv").toString()));
        assertEquals("elsewhere", roots.display("/srv/secret/elsewhere"), "only the last name outside the roots");
        assertEquals("no such file in beauty/x.csv",
                roots.redact("no such file in " + beauty.toRealPath().resolve("x.csv")));
    }

    @Test
    void outsideMissingTraversalAndSymlinkEscapesAreOneRefusal(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Path outside = Files.createDirectories(tmp.resolve("secrets"));
        Path creds = Files.writeString(outside.resolve("creds.csv"), "user,password\nadmin,hunter2\n");
        Files.createSymbolicLink(root.resolve("link"), outside);
        DataRoots roots = new DataRoots(List.of(root));
        for (String location : List.of(creds.toString(), outside.resolve("missing.csv").toString(),
                root.resolve("missing").toString(), "../secrets/creds.csv", root + "/../secrets", "link/creds.csv",
                "link", "/etc/passwd", "a\0b")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> roots.resolve(location),
                    location);
            assertEquals("dataset location '" + location + "' is not a dataset under the configured data roots "
                    + "(H2REC_DATA_ROOTS)", e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> roots.resolve(" "));
        assertTrue(!roots.redact("x " + outside).contains("data"), "paths outside the roots are left alone");
    }

    @Test
    void anUnreadableFolderIsRefusedLikeAMissingOne(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Path locked = Files.createDirectories(root.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            // root reads everything: the check is meaningful only for an ordinary user (the services' own)
            Assumptions.assumeFalse(Files.isReadable(locked), "running as root: every folder is readable");
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> new DataRoots(List.of(root)).resolve("locked"));
            assertEquals("dataset location 'locked' is not a dataset under the configured data roots "
                    + "(H2REC_DATA_ROOTS)", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
