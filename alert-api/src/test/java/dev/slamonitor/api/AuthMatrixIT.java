package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every route against every credential: 401 without a valid key, 403 with the wrong role, through otherwise. */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class AuthMatrixIT {

    private static ApiFixture api;

    private record Route(HttpMethod method, String path, String body, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String NONE = null;
    private static final String WRONG = "not-a-configured-key";
    private static final Set<String> ANY_KEY = Set.of(ApiFixture.PUBLISHER, ApiFixture.VIEWER, ApiFixture.RESPONDER, ApiFixture.METRICS);

    private static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.GET, "/api/v1/tickets/T-1", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.GET, "/api/v1/tickets?state=breached", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.GET, "/api/v1/alerts/stream", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.GET, "/api/v1/alerts?state=open", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.GET, "/api/v1/alerts/some-key", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.POST, "/api/v1/events", "{}", Set.of(ApiFixture.PUBLISHER)),
            new Route(HttpMethod.POST, "/api/v1/events/batch", "[]", Set.of(ApiFixture.PUBLISHER)),
            new Route(HttpMethod.POST, "/api/v1/alerts/a-1/ack", "{\"by\":\"alice\"}", Set.of(ApiFixture.RESPONDER)),
            new Route(HttpMethod.GET, "/api/v1/refunds/leakage", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.GET, "/api/v1/root-causes/top", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.GET, "/api/v1/remediation-items", null, Set.of(ApiFixture.VIEWER)),
            new Route(HttpMethod.GET, "/api/v1/openapi.yaml", null, ANY_KEY),
            new Route(HttpMethod.GET, "/metrics", null, Set.of(ApiFixture.METRICS)));

    @BeforeAll
    static void start(TestKafka kafka) throws Exception {
        api = new ApiFixture(kafka, Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        List<String> keys = new ArrayList<>(ANY_KEY);
        keys.add(WRONG);
        keys.add(NONE);
        for (Route route : ROUTES) {
            for (String key : keys) {
                int expected = key == null || key.equals(WRONG) ? 401 : route.allowed().contains(key) ? 0 : 403;
                cases.add(Arguments.of(route, key == null ? "none" : key, expected));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with key {1} -> {2} (0: neither 401 nor 403)")
    @MethodSource("matrix")
    void shouldEnforceRolesOnEveryRoute(Route route, String key, int expected, Vertx vertx) throws Exception {
        // given a route and a credential; when it is called
        HttpClientResponse response = call(vertx, route, key.equals("none") ? null : key);
        // then
        if (expected == 0) {
            assertThat(response.statusCode()).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).isEqualTo(expected);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
            if (expected == 401) {
                assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    @ParameterizedTest(name = "health with key {0}")
    @MethodSource("keysIncludingNone")
    void shouldServeHealthWithoutCredentials(String key, Vertx vertx) throws Exception {
        HttpClientResponse response = call(vertx, new Route(HttpMethod.GET, "/health", null, Set.of()),
                key.equals("none") ? null : key);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    static Stream<String> keysIncludingNone() {
        return Stream.of("none", WRONG, ApiFixture.VIEWER);
    }

    private static HttpClientResponse call(Vertx vertx, Route route, String key) throws Exception {
        HttpClient client = vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setMethod(route.method()).setHost("127.0.0.1").setPort(api.port())
                .setURI(route.path());
        if (key != null) {
            options.putHeader("Authorization", "Bearer " + key);
        }
        if (route.body() != null) {
            options.putHeader("Content-Type", "application/json");
        }
        HttpClientResponse response = client.request(options)
                .compose(req -> route.body() == null ? req.send() : req.send(route.body()))
                .await();
        client.close();
        return response;
    }
}
