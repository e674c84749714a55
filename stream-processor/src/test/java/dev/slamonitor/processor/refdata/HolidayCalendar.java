package dev.slamonitor.processor.refdata;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.kernel.Result;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/** A test document kind: the public holidays of one region, versioned. */
record HolidayCalendar(String region, int version, List<LocalDate> holidays) {

    static Result<HolidayCalendar> read(byte[] bytes) {
        HolidayCalendar doc;
        try {
            doc = Json.untrusted().readValue(bytes, HolidayCalendar.class);
        } catch (IOException | RuntimeException e) {
            return Result.refused(DeadLetterReason.SCHEMA_VIOLATION, "not a holiday calendar: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), bytes);
        }
        if (doc == null || doc.region() == null || doc.region().isBlank() || doc.version() < 1
                || doc.holidays() == null || doc.holidays().size() > 366) {
            return Result.refused(DeadLetterReason.SCHEMA_VIOLATION, "region, version >= 1 and at most 366 holidays", bytes);
        }
        return Result.ok(doc);
    }

    static byte[] json(String region, int version, String... dates) {
        StringBuilder out = new StringBuilder("{\"region\":\"" + region + "\",\"version\":" + version + ",\"holidays\":[");
        for (int i = 0; i < dates.length; i++) {
            out.append(i == 0 ? "" : ",").append('"').append(dates[i]).append('"');
        }
        return out.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
