package dev.slamonitor.processor.refdata;

import dev.slamonitor.processor.kernel.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A document shipped as a class-path resource: the fallback a lookup gives until one is published,
 * and what the seeder publishes. Validated like any published document; a build whose bundled
 * document does not validate must not start, so loading one throws.
 */
public record BundledDocument<T>(String resource, byte[] bytes, T document) {

    public static <T> BundledDocument<T> load(Class<?> anchor, String resource, DocumentReader<T> reader) {
        return of(resource, bytes(anchor, resource), reader);
    }

    /** A document given as bytes (a launcher's own); {@code name} says where it came from. */
    public static <T> BundledDocument<T> of(String name, byte[] bytes, DocumentReader<T> reader) {
        Result<T> read = reader.read(bytes);
        if (read.isRefused()) {
            throw new IllegalStateException("Bundled " + name + " is invalid: " + read.detail());
        }
        return new BundledDocument<>(name, bytes, read.value());
    }

    /** The bytes of a class-path resource; a missing one is a packaging error. */
    public static byte[] bytes(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
