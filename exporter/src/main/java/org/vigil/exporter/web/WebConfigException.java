package org.vigil.exporter.web;

/** A {@code --web.config.file} that cannot be used; the message names the file and the cause. */
public final class WebConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public WebConfigException(String message) {
    super(message);
  }
}
