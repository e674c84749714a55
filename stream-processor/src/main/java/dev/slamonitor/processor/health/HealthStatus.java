package dev.slamonitor.processor.health;

import java.util.List;

/** Ready or not, with every reason it is not; what {@code /health/ready} answers. */
public record HealthStatus(boolean up, String streamsState, List<String> reasons) {

    /** {@code {"status":"UP|DOWN","streams":"RUNNING","reasons":[...]}} */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"streams\":\"")
                .append(streamsState).append("\",\"reasons\":[");
        for (int i = 0; i < reasons.size(); i++) {
            out.append(i == 0 ? "" : ",").append('"').append(escape(reasons.get(i))).append('"');
        }
        return out.append("]}").toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
