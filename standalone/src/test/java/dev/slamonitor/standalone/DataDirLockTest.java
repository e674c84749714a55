package dev.slamonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @Test
    void shouldRefuseASecondOwnerNamingTheFirstAndFreeTheDirectoryOnClose(@TempDir Path dir) throws Exception {
        // given
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            assertThat(first).isNotNull();
            // when / then
            assertThatThrownBy(() -> DataDirLock.acquire(dir))
                    .isInstanceOf(DataDirLock.DataDirInUseException.class)
                    .hasMessageContaining("is in use by another SLA monitor (pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("standalone.data.dir");
            assertThat(Files.readString(dir.resolve(DataDirLock.FILE_NAME))).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        DataDirLock.acquire(dir).close();
    }
}
