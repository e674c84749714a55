package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP ingest on a real broker: accepted events land on the events topic once; every bad input is a precise problem. */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class IngestIT {

    private static ApiFixture api;
    private WebClient client;

    @BeforeAll
    static void start(TestKafka kafka) throws Exception {
        api = new ApiFixture(kafka, Map.of("api.body.limit.bytes", "4096", "api.ingest.batch.max.events", "5"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void client(Vertx vertx) {
        client = ApiFixture.client(vertx);
    }

    static JsonObject opened(String eventId, String ticketId) {
        return new JsonObject().put("schemaVersion", 1).put("eventId", eventId).put("ticketId", ticketId)
                .put("type", "TICKET_OPENED").put("occurredAt", java.time.Instant.now().toString()).put("severity", "high")
                .put("customer", new JsonObject().put("id", "C-1").put("tier", "business").put("vip", false))
                .put("team", "payments").put("channel", "email").put("tier", "L1");
    }

    private HttpResponse<Buffer> post(String path, String body) {
        return api.post(client, path, ApiFixture.PUBLISHER).sendBuffer(Buffer.buffer(body)).await();
    }

    @Test
    void shouldAcceptOneEventAndPublishItKeyedByTicketId() {
        // given
        String eventId = UUID.randomUUID().toString();
        // when
        HttpResponse<Buffer> response = post("/api/v1/events", opened(eventId, "T-single").encode());
        // then
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getJsonArray("accepted")).containsExactly(eventId);
        try (TopicReader<String, byte[]> reader = api.reader("topic.events")) {
            List<ConsumerRecord<String, byte[]>> records = reader.readMatching(r -> contains(r, eventId), 1, Duration.ofSeconds(10));
            assertThat(records).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("T-single"));
        }
    }

    @Test
    void shouldBeIdempotentOnEventId() {
        // given an event accepted once
        String eventId = UUID.randomUUID().toString();
        String body = opened(eventId, "T-idem").encode();
        assertThat(post("/api/v1/events", body).statusCode()).isEqualTo(202);
        // when it is sent again, alone and inside a batch that repeats it
        HttpResponse<Buffer> again = post("/api/v1/events", body);
        HttpResponse<Buffer> batch = post("/api/v1/events/batch", new JsonArray().add(new JsonObject(body)).add(new JsonObject(body)).encode());
        // then every answer is 202 and the topic holds the event once
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.bodyAsJsonObject().getJsonArray("alreadyAccepted")).containsExactly(eventId);
        assertThat(batch.statusCode()).isEqualTo(202);
        try (TopicReader<String, byte[]> reader = api.reader("topic.events")) {
            assertThat(reader.drain(Duration.ofSeconds(2)).stream().filter(r -> contains(r, eventId))).hasSize(1);
        }
    }

    @Test
    void shouldAcceptABatchAndListEveryId() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        HttpResponse<Buffer> response = post("/api/v1/events/batch",
                new JsonArray().add(opened(a, "T-b1")).add(opened(b, "T-b2")).encode());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getJsonArray("accepted")).containsExactly(a, b);
    }

    @Test
    void shouldRefuseBadJsonAsProblem() {
        HttpResponse<Buffer> response = post("/api/v1/events", "{\"eventId\": ");
        assertProblem(response, 400);
        assertThat(response.bodyAsJsonObject().getJsonArray("violations")).isNotEmpty();
    }

    @Test
    void shouldNameEachSchemaViolation() {
        // given an event without ticketId and with a bad severity
        JsonObject event = opened(UUID.randomUUID().toString(), "T-x");
        event.remove("ticketId");
        event.put("severity", "urgent");
        // when
        HttpResponse<Buffer> response = post("/api/v1/events", event.encode());
        // then
        assertProblem(response, 400);
        assertThat(fields(response)).contains("ticketId", "severity");
    }

    @Test
    void shouldRefuseTheBodiesThatOnceStoppedTheProcessorWith400NamingTheField() {
        // given an event dated in year 9999 and one with an oversized time zone (both once reached the processor;
        // this fixture bounds bodies at 4 KB, so the zone is 3 000 characters here: the reader refuses any
        // zone over 64 before a lookup, and PoisonRecordIT sends the 40 KB one through Kafka)
        JsonObject future = opened(UUID.randomUUID().toString(), "T-future").put("occurredAt", "9999-12-31T23:59:59Z");
        JsonObject hugeZone = opened(UUID.randomUUID().toString(), "T-zone");
        hugeZone.getJsonObject("customer").put("timeZone", "Europe/" + "A".repeat(3_000));
        // when
        HttpResponse<Buffer> first = post("/api/v1/events", future.encode());
        HttpResponse<Buffer> second = post("/api/v1/events", hugeZone.encode());
        // then both are problems naming the field, never a 500
        assertProblem(first, 400);
        assertThat(fields(first)).contains("occurredAt");
        assertProblem(second, 400);
        assertThat(fields(second)).contains("customer.timeZone");
    }

    @Test
    void shouldRefuseABatchNamingTheIndexOfEachBadEvent() {
        JsonObject bad = opened(UUID.randomUUID().toString(), "T-y");
        bad.remove("occurredAt");
        HttpResponse<Buffer> response = post("/api/v1/events/batch",
                new JsonArray().add(opened(UUID.randomUUID().toString(), "T-z")).add(bad).encode());
        assertProblem(response, 400);
        assertThat(fields(response)).contains("[1].occurredAt");
    }

    @Test
    void shouldRefuseAnEmptyBatch() {
        assertProblem(post("/api/v1/events/batch", "[]"), 400);
    }

    @Test
    void shouldRefuseABatchThatIsNotAnArray() {
        assertProblem(post("/api/v1/events/batch", opened("e", "T").encode()), 400);
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413() {
        JsonObject big = opened(UUID.randomUUID().toString(), "T-big").put("channel", "x".repeat(5000));
        assertProblem(post("/api/v1/events", big.encode()), 413);
    }

    @Test
    void shouldRefuseABatchWithTooManyEventsWith413() {
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 6; i++) {
            batch.add(opened(UUID.randomUUID().toString(), "T-many"));
        }
        assertProblem(post("/api/v1/events/batch", batch.encode()), 413);
    }

    @Test
    void shouldRefuseAWrongContentTypeWith415() {
        HttpResponse<Buffer> response = api.post(client, "/api/v1/events", ApiFixture.PUBLISHER)
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(opened("e", "T").encode())).await();
        assertProblem(response, 415);
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("type")).isNotBlank();
    }

    private static List<String> fields(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getJsonArray("violations").stream()
                .map(v -> ((JsonObject) v).getString("field")).toList();
    }

    private static boolean contains(ConsumerRecord<String, byte[]> r, String eventId) {
        return new String(r.value(), StandardCharsets.UTF_8).contains(eventId);
    }
}
