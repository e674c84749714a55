package dev.slamonitor.processor.refdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version and content digest of the document in force under one key, as the validator's
 * versions store keeps it ({@code "<version>:<sha256 hex>"}). A version number names exactly one
 * content: an older version, or the same version with other content, is refused.
 */
record VersionStamp(int version, String digest) {

    static VersionStamp of(int version, byte[] document) {
        return new VersionStamp(version, sha256(document));
    }

    /**
     * Reads a stored stamp. Besides {@code "3:ab12..."} it reads {@code {"version":3,"digest":"ab12..."}},
     * the form an earlier governance validator wrote, so existing state stays readable.
     */
    static VersionStamp parse(String stored) {
        if (stored.startsWith("{")) {
            try {
                JsonNode tree = Json.mapper().readTree(stored);
                return new VersionStamp(tree.path("version").asInt(), tree.path("digest").asText());
            } catch (IOException e) {
                throw new IllegalStateException("Unreadable version stamp " + stored, e);
            }
        }
        int colon = stored.indexOf(':');
        return new VersionStamp(Integer.parseInt(stored.substring(0, colon)), stored.substring(colon + 1));
    }

    String stored() {
        return version + ":" + digest;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
