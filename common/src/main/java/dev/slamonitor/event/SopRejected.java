package dev.slamonitor.event;

/** An explicit decision not to change the SOP, with the reason. */
public record SopRejected(String rationale) {
}
