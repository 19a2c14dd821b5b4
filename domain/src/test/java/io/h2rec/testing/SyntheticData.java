package io.h2rec.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Synthetic datasets in the plain layout (interactions.csv + items.jsonl), made in code: the
 * repository holds no copy of any real dataset. Items fall into topics; each user mostly follows
 * one topic, and popularity within a topic is skewed, so there is signal to learn and a head and
 * a tail to measure.
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** Writes {@code users} users over {@code items} items in {@code topics} topics into {@code dir}. */
    public static Path write(Path dir, int users, int items, int topics, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        for (int u = 0; u < users; u++) {
            int topic = rnd.nextInt(topics);
            int length = 5 + rnd.nextInt(12);
            for (int t = 0; t < length; t++) {
                int item;
                if (rnd.nextDouble() < 0.8) {
                    // Skewed within the topic: low ranks are popular.
                    int perTopic = items / topics;
                    int rank = (int) Math.floor(Math.pow(rnd.nextDouble(), 2.5) * perTopic);
                    item = topic * perTopic + rank;
                } else {
                    item = rnd.nextInt(items);
                }
                csv.append("user").append(u).append(",item").append(item).append(',').append(1_000_000 + t * 60L)
                        .append('\n');
            }
        }
        StringBuilder jsonl = new StringBuilder();
        String[] words = {"red", "blue", "soft", "strong", "mini", "pro", "classic", "fresh", "matte", "glow"};
        for (int i = 0; i < items; i++) {
            int topic = Math.min(topics - 1, i / Math.max(1, items / topics));
            jsonl.append("{\"item\": \"item").append(i).append("\", \"title\": \"")
                    .append(words[topic % words.length]).append(' ').append(words[(i * 7) % words.length])
                    .append(" thing ").append(i).append("\", \"categories\": [\"Topic ").append(topic)
                    .append("\"], \"brand\": \"Brand").append(topic).append("\"}\n");
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("interactions.csv"), csv);
            Files.writeString(dir.resolve("items.jsonl"), jsonl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
