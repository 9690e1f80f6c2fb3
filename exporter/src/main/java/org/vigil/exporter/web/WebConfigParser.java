package org.vigil.exporter.web;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads exporter-toolkit's web configuration strictly. SnakeYAML only composes the document into
 * nodes: nothing is constructed from it, so a tag such as {@code !!javax.script...} is just a tag,
 * and it is refused. Unknown keys, duplicate keys, keys exporter-toolkit knows but vigil-exporter
 * does not implement, TLS 1.0/1.1 and empty files are errors naming the file and line.
 */
public final class WebConfigParser {
  private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users",
      "http_server_config");
  private static final Map<String, String> TOP_UNSUPPORTED = Map.of(
      "rate_limit", "no request rate limiting");
  private static final Set<String> TLS = Set.of("cert_file", "key_file", "client_auth_type",
      "client_ca_file", "min_version", "max_version");
  private static final Map<String, String> TLS_UNSUPPORTED = Map.of(
      "cert", "give the certificate as cert_file",
      "key", "give the key as key_file",
      "client_ca", "give the client CAs as client_ca_file",
      "cipher_suites", "the JDK's default TLS 1.2/1.3 suites are used",
      "curve_preferences", "the JDK's default groups are used",
      "prefer_server_cipher_suites", "the JDK decides",
      "client_allowed_sans", "client certificates are verified against client_ca_file only");
  private static final Set<String> HTTP = Set.of("http2", "headers");
  /** exporter-toolkit's list: only these headers, and for two of them only these values. */
  private static final Map<String, Set<String>> HEADERS = Map.of(
      "Strict-Transport-Security", Set.of(),
      "X-Content-Type-Options", Set.of("nosniff"),
      "X-Frame-Options", Set.of("deny", "sameorigin"),
      "X-XSS-Protection", Set.of(),
      "Content-Security-Policy", Set.of());
  private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.BOOL, Tag.INT, Tag.FLOAT,
      Tag.NULL, Tag.MAP, Tag.SEQ);
  private static final String BCRYPT_ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Path file;

  private WebConfigParser(Path file) {
    this.file = file;
  }

  public static WebConfig parse(Path file) throws WebConfigException {
    return new WebConfigParser(file).parse();
  }

  private WebConfig parse() throws WebConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new WebConfigException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new WebConfigException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new WebConfigException(file + ": cannot read: " + e.getMessage());
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(10);
    options.setCodePointLimit(1 << 20);
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      String where = e.getProblemMark() != null ? ":" + (e.getProblemMark().getLine() + 1) : "";
      throw new WebConfigException(file + where + ": not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new WebConfigException(file + ": not valid YAML: " + firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      // SnakeYAML's Tag refuses a tag whose %-escapes decode to blanks ("!%00") this way.
      throw new WebConfigException(file + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root == null) {
      // exporter-toolkit takes an empty file as "no TLS, no authentication"; a file emptied by a
      // half-done rewrite must not switch both off.
      throw new WebConfigException(file + ": empty; an empty --web.config.file would turn TLS"
          + " and authentication off, leave the option out for that");
    }
    Map<String, Node> top = fields(root, "", TOP, TOP_UNSUPPORTED);
    Optional<TlsConfig> tls = top.containsKey("tls_server_config")
        ? Optional.of(tls(top.get("tls_server_config"))) : Optional.empty();
    Map<String, String> users = top.containsKey("basic_auth_users")
        ? users(top.get("basic_auth_users")) : Map.of();
    Map<String, String> headers = Map.of();
    if (top.containsKey("http_server_config")) {
      Map<String, Node> http = fields(top.get("http_server_config"), "http_server_config.", HTTP,
          Map.of());
      if (http.containsKey("http2") && bool(http.get("http2"), "http_server_config.http2")) {
        throw error(http.get("http2"), "http_server_config.http2: true is not supported by"
            + " vigil-exporter: the JDK HTTP server speaks HTTP/1.1 only; say false or leave it"
            + " out");
      }
      if (http.containsKey("headers")) {
        headers = headers(http.get("headers"));
      }
    }
    return new WebConfig(file, tls, users, headers);
  }

  private TlsConfig tls(Node node) throws WebConfigException {
    String p = "tls_server_config.";
    Map<String, Node> f = fields(node, p, TLS, TLS_UNSUPPORTED);
    if (!f.containsKey("cert_file")) {
      throw error(node, "tls_server_config: cert_file is missing");
    }
    if (!f.containsKey("key_file")) {
      throw error(node, "tls_server_config: key_file is missing");
    }
    Path cert = path(f.get("cert_file"), p + "cert_file");
    Path key = path(f.get("key_file"), p + "key_file");
    ClientAuth auth = ClientAuth.NO_CLIENT_CERT;
    if (f.containsKey("client_auth_type")) {
      Node n = f.get("client_auth_type");
      String name = string(n, p + "client_auth_type");
      auth = Arrays.stream(ClientAuth.values()).filter(a -> a.yamlName.equals(name)).findFirst()
          .orElseThrow(() -> error(n, p + "client_auth_type: '" + name + "' is not one of "
              + Arrays.stream(ClientAuth.values()).map(a -> a.yamlName)
                  .collect(Collectors.joining(", "))));
    }
    Optional<Path> ca = f.containsKey("client_ca_file")
        ? Optional.of(path(f.get("client_ca_file"), p + "client_ca_file")) : Optional.empty();
    if (auth.verified && ca.isEmpty()) {
      throw error(node, p + "client_auth_type " + auth.yamlName + " needs client_ca_file");
    }
    if (!auth.verified && ca.isPresent()) {
      throw error(f.get("client_ca_file"), p + "client_ca_file is set but client_auth_type "
          + auth.yamlName + " does not verify client certificates; use VerifyClientCertIfGiven"
          + " or RequireAndVerifyClientCert");
    }
    TlsVersion min = f.containsKey("min_version")
        ? version(f.get("min_version"), p + "min_version") : TlsVersion.TLS12;
    TlsVersion max = f.containsKey("max_version")
        ? version(f.get("max_version"), p + "max_version") : TlsVersion.TLS13;
    if (min.compareTo(max) > 0) {
      throw error(f.get("max_version"), p + "max_version " + max.yamlName + " is below min_version "
          + min.yamlName);
    }
    return new TlsConfig(cert, key, auth, ca, min, max);
  }

  private TlsVersion version(Node node, String name) throws WebConfigException {
    String v = string(node, name);
    if (v.equals("TLS10") || v.equals("TLS11")) {
      throw error(node, name + ": " + v + " refused: vigil-exporter serves TLS 1.2 and 1.3 only");
    }
    return Arrays.stream(TlsVersion.values()).filter(t -> t.yamlName.equals(v)).findFirst()
        .orElseThrow(() -> error(node, name + ": '" + v + "' is not one of TLS12, TLS13"));
  }

  private Map<String, String> users(Node node) throws WebConfigException {
    Map<String, String> users = new HashMap<>();
    for (Map.Entry<String, Node> e : entries(node, "basic_auth_users").entrySet()) {
      String user = e.getKey();
      String where = "basic_auth_users." + user;
      if (!WebConfig.isUserName(user)) {
        throw error(e.getValue(), where + ": a user name must be non-empty, without ':' and"
            + " control characters");
      }
      String hash = string(e.getValue(), where);
      if (!isBcrypt(hash)) {
        throw error(e.getValue(), where + ": not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31,"
            + " 53 characters of salt and hash; htpasswd -nBC 10 USER makes one)");
      }
      users.put(user, hash);
    }
    return users;
  }

  static boolean isBcrypt(String h) {
    if (h.length() != 60 || h.charAt(0) != '$' || h.charAt(1) != '2' || h.charAt(3) != '$'
        || h.charAt(6) != '$' || "aby".indexOf(h.charAt(2)) < 0) {
      return false;
    }
    char c1 = h.charAt(4);
    char c2 = h.charAt(5);
    if (c1 < '0' || c1 > '3' || c2 < '0' || c2 > '9') {
      return false;
    }
    int cost = (c1 - '0') * 10 + (c2 - '0');
    if (cost < 4 || cost > 31) {
      return false;
    }
    for (int i = 7; i < 60; i++) {
      if (BCRYPT_ALPHABET.indexOf(h.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private Map<String, String> headers(Node node) throws WebConfigException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : entries(node, "http_server_config.headers").entrySet()) {
      String where = "http_server_config.headers." + e.getKey();
      String known = HEADERS.keySet().stream().filter(h -> h.equalsIgnoreCase(e.getKey()))
          .findFirst().orElseThrow(() -> error(e.getValue(), where + ": this header can not be"
              + " configured (allowed: " + String.join(", ", HEADERS.keySet().stream().sorted()
                  .toList()) + ")"));
      String value = string(e.getValue(), where);
      Set<String> allowed = HEADERS.get(known);
      if (!allowed.isEmpty() && !allowed.contains(value.toLowerCase(Locale.ROOT))) {
        throw error(e.getValue(), where + ": '" + value + "' is not one of "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
      if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw error(e.getValue(), where + ": control characters are not allowed");
      }
      headers.put(known, value);
    }
    return headers;
  }

  /** A mapping's entries with every key known; unsupported ones are refused with a reason. */
  private Map<String, Node> fields(Node node, String prefix, Set<String> known,
      Map<String, String> unsupported) throws WebConfigException {
    Map<String, Node> fields = entries(node, prefix.isEmpty() ? "the top level"
        : prefix.substring(0, prefix.length() - 1));
    for (Map.Entry<String, Node> e : fields.entrySet()) {
      String key = e.getKey();
      if (unsupported.containsKey(key)) {
        throw error(e.getValue(), prefix + key + " is not supported by vigil-exporter ("
            + unsupported.get(key) + ")");
      }
      if (!known.contains(key)) {
        throw error(e.getValue(), "unknown key '" + prefix + key + "'");
      }
    }
    return fields;
  }

  /** A mapping with string keys, each once, in document order. */
  private Map<String, Node> entries(Node node, String name) throws WebConfigException {
    checkTag(node);
    if (!(node instanceof MappingNode mapping)) {
      throw error(node, name + " must be a mapping");
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      Node k = t.getKeyNode();
      checkTag(k);
      checkTag(t.getValueNode());
      if (!(k instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
        throw error(k, "a key in " + name + " is not a string");
      }
      if (entries.put(key.getValue(), t.getValueNode()) != null) {
        throw error(k, "duplicate key '" + key.getValue() + "' in " + name);
      }
    }
    return entries;
  }

  private String string(Node node, String name) throws WebConfigException {
    checkTag(node);
    if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.STR) || s.getValue().isEmpty()) {
      throw error(node, name + " must be a non-empty string");
    }
    return s.getValue();
  }

  private boolean bool(Node node, String name) throws WebConfigException {
    checkTag(node);
    if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      if (s.getValue().equals("true")) {
        return true;
      }
      if (s.getValue().equals("false")) {
        return false;
      }
    }
    throw error(node, name + " must be true or false");
  }

  private Path path(Node node, String name) throws WebConfigException {
    String p = string(node, name);
    Path dir = file.toAbsolutePath().getParent();
    try {
      return dir.resolve(p).normalize();
    } catch (InvalidPathException e) {
      // YAML's "\0" escape gives the one character no Linux path can hold.
      throw error(node, name + ": not a path (" + e.getReason() + ")");
    }
  }

  private void checkTag(Node node) throws WebConfigException {
    if (!PLAIN_TAGS.contains(node.getTag())) {
      throw error(node, "tag '" + node.getTag().getValue() + "' is not allowed");
    }
  }

  private WebConfigException error(Node node, String message) {
    return new WebConfigException(file + ":" + (node.getStartMark().getLine() + 1) + ": "
        + message);
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }
}
