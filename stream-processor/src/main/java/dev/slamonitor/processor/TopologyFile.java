package dev.slamonitor.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology's description, for operators: hundreds of lines, so at DEBUG in the log and always in
 * {@value #NAME} beside the state ({@code streams.state.dir}).
 */
final class TopologyFile {

    static final String NAME = "topology.txt";
    private static final Logger LOG = LoggerFactory.getLogger(TopologyFile.class);

    private TopologyFile() {
    }

    /** @return the file written */
    static Path write(Topology topology, Properties props) {
        String description = topology.describe().toString();
        LOG.debug("Topology:\n{}", description);
        Path file = Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir")))
                .resolve(NAME);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, description);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the topology description to " + file, e);
        }
    }
}
