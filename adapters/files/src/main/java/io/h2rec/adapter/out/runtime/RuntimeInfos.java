package io.h2rec.adapter.out.runtime;

import io.h2rec.domain.model.RuntimeInfo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Properties;

/** The code version (git commit written at build time) and host, for provenance. */
public final class RuntimeInfos {
    private RuntimeInfos() {
    }

    public static RuntimeInfo current() {
        return new RuntimeInfo(codeVersion(), host());
    }

    static String codeVersion() {
        Properties p = new Properties();
        try (InputStream in = RuntimeInfos.class.getResourceAsStream("/h2rec-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        String id = p.getProperty("git.commit.id.abbrev", "unknown");
        return "true".equals(p.getProperty("git.dirty")) ? id + "-dirty" : id;
    }

    static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
