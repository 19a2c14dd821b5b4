package io.h2rec.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's process as the operating system accounts for it (Linux /proc): CPU time used so
 * far (user + system, all threads) and resident memory. Read from outside, so it counts everything
 * the server spends: gRPC, scoring, garbage collection.
 */
record ServerProcess(long pid) {
    /** The process listening on a local TCP port (from /proc/net/tcp{,6} and the processes' open sockets). */
    static ServerProcess listeningOn(int port) {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; field 9 is the socket's inode
                    if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(String.format(":%04X", port))) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException e) {
                // no IPv6 table, for instance
            }
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try (var fds = Files.list(p.resolve("fd"))) {
                    for (Path fd : (Iterable<Path>) fds::iterator) {
                        try {
                            if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                                return new ServerProcess(Long.parseLong(name));
                            }
                        } catch (IOException gone) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException | SecurityException notOurs) {
                    // another user's process, or gone
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        throw new IllegalStateException("no process listens on port " + port + ": is serving-service running?");
    }

    /** Clock ticks per second of /proc/PID/stat's CPU times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    /** Whether the process still runs (a bench may be the witness of its death: a kill under load). */
    boolean alive() {
        return Files.exists(Path.of("/proc", String.valueOf(pid)));
    }

    /** CPU seconds used since the process started; NaN once it has exited. */
    double cpuSeconds() {
        if (!alive()) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;   // utime, stime
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e.getMessage(), e);
        }
    }

    /** Resident set size in MiB (VmRSS); NaN once the process has exited. */
    double rssMb() {
        if (!alive()) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("no VmRSS for process " + pid);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of process " + pid + ": " + e.getMessage(), e);
        }
    }
}
