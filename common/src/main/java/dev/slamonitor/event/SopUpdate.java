package dev.slamonitor.event;

/** The SOP version that absorbed a root cause's lesson. */
public record SopUpdate(String version) {
}
