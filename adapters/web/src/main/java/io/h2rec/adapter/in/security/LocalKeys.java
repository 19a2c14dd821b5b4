package io.h2rec.adapter.in.security;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Set;

/**
 * A local signing key pair and one token per role, for running the services on one machine without
 * an identity provider ({@code deploy/h2rec start}; docs/security.md):
 * <pre>java -cp 'training-service/target/quarkus-app/lib/main/*' io.h2rec.adapter.in.security.LocalKeys DIR [DAYS]</pre>
 * keeps (or first creates) {@code DIR/jwt-private.pem} (owner-only) and {@code DIR/jwt-public.pem}
 * — the key the services verify with ({@code H2REC_JWT_PUBLIC_KEY}) — and writes
 * {@code DIR/tokens/<role>.jwt}, valid DAYS days (default 30). The tests mint their tokens here too.
 */
public final class LocalKeys {
    /** The issuer of local tokens, the services' default {@code mp.jwt.verify.issuer}. */
    public static final String ISSUER = "h2rec-local";
    public static final String PRIVATE_KEY = "jwt-private.pem";
    public static final String PUBLIC_KEY = "jwt-public.pem";

    private LocalKeys() {
    }

    public static void main(String... args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LocalKeys DIR [DAYS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Duration ttl = Duration.ofDays(args.length == 2 ? Integer.parseInt(args[1]) : 30);
        KeyPair keys = keyPair(dir);
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        for (String role : Roles.ALL) {
            writeOwnerOnly(tokens.resolve(role + ".jwt"), token(keys.getPrivate(), "local-" + role, Set.of(role), ttl));
        }
        System.out.println("H2REC_JWT_PUBLIC_KEY=" + dir.resolve(PUBLIC_KEY).toAbsolutePath());
        System.out.println("tokens (" + ttl.toDays() + " days): " + tokens.toAbsolutePath() + "/{"
                + String.join(",", Roles.ALL) + "}.jwt");
    }

    /** The key pair kept in {@code dir}, created (RSA 2048) the first time. */
    public static KeyPair keyPair(Path dir) {
        Path priv = dir.resolve(PRIVATE_KEY);
        Path pub = dir.resolve(PUBLIC_KEY);
        try {
            if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(pub)))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv)))));
            }
            KeyPair keys = generate();
            Files.createDirectories(dir);
            writeOwnerOnly(priv, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(pub, publicPem(keys.getPublic()));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable key pair in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 token of {@link #ISSUER} for {@code subject} with these roles (claim {@code groups}). */
    public static String token(PrivateKey key, String subject, Collection<String> roles, Duration ttl) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.copyOf(roles)).expiresIn(ttl).sign(key);
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }
}
