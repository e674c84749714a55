package dev.slamonitor.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The customer a ticket belongs to. {@code tier} is the commercial tier used for policy selection
 * (e.g. enterprise, business, standard); {@code timeZone} is an IANA zone id that policies using
 * "the customer's business hours" resolve at run time.
 */
public record Customer(String id, String tier, Boolean vip, String timeZone) {

    @JsonIgnore
    public boolean isVip() {
        return Boolean.TRUE.equals(vip);
    }
}
