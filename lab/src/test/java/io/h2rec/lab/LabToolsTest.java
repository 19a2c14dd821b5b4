package io.h2rec.lab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabToolsTest {
    /** Windows of the histories laid end to end, by hand; a short remainder is dropped. */
    @Test
    void worstCaseHistoriesAreConsecutiveWindowsOfRealItems() {
        List<List<String>> h = List.of(List.of("a", "b", "c"), List.of("d"), List.of("e", "f", "g"));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f")), Histories.windows(h, 2));
        assertEquals(7 / 3.0, Histories.meanLength(h), 1e-12);
    }

    /** This JVM as the "server": it has used CPU and holds memory, as /proc says. */
    @Test
    void theServerProcessIsReadFromProc() {
        ServerProcess self = new ServerProcess(ProcessHandle.current().pid());
        double cpu = self.cpuSeconds();
        long x = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            x += i ^ (x >>> 3);
        }
        assertTrue(self.cpuSeconds() > cpu || x == 42, "CPU time did not advance");
        assertTrue(self.rssMb() > 10, "RSS " + self.rssMb());
    }

    /** The benchmark finds the server by the port it listens on. */
    @Test
    void theProcessListeningOnAPortIsFound() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            assertEquals(ProcessHandle.current().pid(), ServerProcess.listeningOn(s.getLocalPort()).pid());
        }
    }
}
