package org.vigil.raid.md;

import java.nio.file.Path;
import org.vigil.core.BoundedInput;
import org.vigil.core.ParseException;
import org.vigil.fixtures.Fixtures;

/** Loads md fixtures the way the plugin reads its input: bounded, strict UTF-8. */
public final class MdFixtures {
  private MdFixtures() {}

  public static String text(String file) throws ParseException {
    return BoundedInput.decode(Fixtures.bytes("mdadm", file), file);
  }

  public static Mdstat mdstat(String file) throws ParseException {
    return new MdstatParser().parse(text(file), file);
  }

  public static MdadmDetail detail(String file) throws ParseException {
    return new MdadmDetailParser().parse(text(file), file);
  }

  public static Path sysfs(String scenario) {
    return Fixtures.path("mdadm", "sysfs").resolve(scenario);
  }
}
