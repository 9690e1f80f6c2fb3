package org.vigil.raid.md;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sysfs attributes come and go while the reader walks them (an array stopped or reshaped between
 * listing block/ and reading md/sync_action). Whatever the interleaving, a read either sees the
 * attribute, sees it absent, or fails naming the path: never another exception, never a value
 * that was not there.
 */
class MdSysfsVanishingTest {
  private enum Outcome { READ, ABSENT, VANISHED_NAMING_THE_PATH }

  @Test
  void an_attribute_that_vanishes_while_it_is_read_is_absent_or_an_error_naming_it(
      @TempDir Path sys) throws Exception {
    Path md = Files.createDirectories(sys.resolve("block/md0/md"));
    Files.writeString(md.resolve("array_state"), "clean\n");
    Files.writeString(md.resolve("degraded"), "0\n");
    Path syncAction = md.resolve("sync_action");
    Path staged = sys.resolve("sync_action.new");
    AtomicBoolean stop = new AtomicBoolean();
    Thread toggler = new Thread(() -> {
      try {
        while (!stop.get()) {
          Files.deleteIfExists(syncAction);
          // sysfs files appear whole: stage, then rename into place
          Files.writeString(staged, "idle\n");
          Files.move(staged, syncAction, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, "sysfs-toggler");
    toggler.setDaemon(true);
    toggler.start();

    Set<Outcome> seen = EnumSet.noneOf(Outcome.class);
    try {
      for (int i = 0; i < 3000; i++) {
        try {
          Map<String, MdSysfs> arrays = new MdSysfsReader().read(sys);
          MdSysfs md0 = arrays.get("md0");
          assertThat(md0.arrayState()).contains(ArrayState.CLEAN);
          assertThat(md0.degraded()).hasValue(0);
          if (md0.syncAction().isPresent()) {
            assertThat(md0.syncAction()).contains(SysfsSyncAction.IDLE);
            seen.add(Outcome.READ);
          } else {
            seen.add(Outcome.ABSENT);
          }
        } catch (NoSuchFileException e) {
          assertThat(e.getFile()).isEqualTo(syncAction.toString());
          seen.add(Outcome.VANISHED_NAMING_THE_PATH);
        }
      }
    } finally {
      stop.set(true);
      toggler.join(5000);
    }
    assertThat(toggler.isAlive()).isFalse();
    assertThat(seen).as("outcomes seen").contains(Outcome.READ);
  }
}
