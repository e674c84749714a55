package dev.slamonitor.event;

import java.util.Arrays;
import java.util.Optional;

/** Lookup helper for enums whose JSON spelling differs from the constant name. */
final class WireEnum {

    private WireEnum() {
    }

    static <E extends Enum<E> & Wire> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(text)).findFirst();
    }

    static <E extends Enum<E> & Wire> E require(Class<E> type, String text) {
        return parse(type, text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a " + type.getSimpleName() + "; expected one of "
                        + Arrays.stream(type.getEnumConstants()).map(Wire::wire).toList()));
    }

    /** An enum constant's spelling on the wire. */
    interface Wire {
        String wire();
    }
}
