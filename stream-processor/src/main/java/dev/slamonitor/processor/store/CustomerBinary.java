package dev.slamonitor.processor.store;

import dev.slamonitor.event.Customer;

/**
 * A nullable {@link Customer} in the binary formats ({@link BinaryOut}): a presence byte, then id,
 * tier, vip (nullable boolean) and time zone. Shared by every binary value that carries a customer,
 * so the encoding exists once.
 */
public final class CustomerBinary {

    private CustomerBinary() {
    }

    public static void write(BinaryOut out, Customer c) {
        out.writeBoolean(c != null);
        if (c != null) {
            out.writeString(c.id()).writeString(c.tier()).writeNullableBoolean(c.vip()).writeString(c.timeZone());
        }
    }

    public static Customer read(BinaryIn in) {
        return in.readBoolean() ? new Customer(in.readString(), in.readString(), in.readNullableBoolean(), in.readString()) : null;
    }
}
