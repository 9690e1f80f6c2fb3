package org.vigil.cluster.pacemaker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vigil.core.ParseException;
import org.vigil.core.Vocabulary;

/**
 * Strict StAX reader for crm_mon XML: {@code crm_mon --output-as=xml} ({@code <pacemaker-result>},
 * Pacemaker 2.0.3+, api-version 2.x) and {@code crm_mon --as-xml} ({@code <crm_mon version>}).
 *
 * <p>Rules, all failing with a {@link ParseException} naming source, line and token:
 *
 * <ul>
 *   <li>No DTD: a DOCTYPE is refused (no entity expansion, no external entities); element depth is
 *       bounded ({@value #MAX_DEPTH}).
 *   <li>Exactly the two roots; an api-version must be {@code 2.N}, a legacy version
 *       {@code 1.x}/{@code 2.x}/{@code 3.x}.
 *   <li>Every element under a parent this parser reads must be one the schemas document; every
 *       attribute on an element this parser reads must be a documented one. Documented subtrees
 *       the policy does not use ({@code node_attributes}, {@code operation_history},
 *       {@code pacemakerd}, a resource's {@code xml}, a ticket's {@code constraints}) are skipped
 *       unread, only checked for well-formedness by the XML reader.
 *   <li>Booleans are exactly {@code true}/{@code false}; counts are decimal non-negative integers;
 *       state words come from closed vocabularies.
 *   <li>Text content is only allowed where the schema has it ({@code error}, skipped subtrees).
 *   <li>{@code pacemaker-result} must end with its {@code status} element.
 * </ul>
 */
public final class CrmMonXmlParser {
  static final int MAX_DEPTH = 64;

  private static final Set<String> NODE_ATTRS = Set.of("name", "id", "online", "standby",
      "standby_onfail", "maintenance", "pending", "unclean", "health", "feature_set", "shutdown",
      "expected_up", "is_dc", "resources_running", "type", "container_id", "id_as_resource");
  private static final Set<String> RESOURCE_ATTRS = Set.of("id", "resource_agent", "role",
      "target_role", "active", "orphaned", "removed", "blocked", "maintenance", "description",
      "failed", "managed", "failure_ignored", "nodes_running_on", "pending", "locked_to");
  private static final Set<String> CLONE_ATTRS = Set.of("id", "multi_state", "unique",
      "maintenance", "description", "managed", "disabled", "failed", "failure_ignored",
      "target_role");
  private static final Set<String> GROUP_ATTRS =
      Set.of("id", "number_resources", "maintenance", "description", "managed", "disabled");
  private static final Set<String> BUNDLE_ATTRS = Set.of("id", "type", "image", "unique",
      "maintenance", "description", "managed", "failed");
  private static final Set<String> FAILURE_ATTRS = Set.of("op_key", "id", "node", "exitstatus",
      "exitreason", "exitcode", "call", "status", "last-rc-change", "queued", "exec", "interval",
      "task");
  private static final Set<String> FENCE_ATTRS = Set.of("status", "state", "extended-status",
      "exit-reason", "delegate", "action", "target", "client", "origin", "completed", "started",
      "last-failed", "last-successful", "exec-reason", "exec-details");
  private static final Set<String> OPTIONS_ATTRS = Set.of("fencing-enabled", "fencing-timeout-ms",
      "stonith-enabled", "symmetric-cluster", "no-quorum-policy", "maintenance-mode",
      "stop-all-resources", "stonith-timeout-ms", "priority-fencing-delay-ms");

  private final String source;
  private final XMLStreamReader reader;
  private final String[] lines;
  private int depth;

  private CrmMonXmlParser(String text, String source, XMLStreamReader reader) {
    this.source = source;
    this.reader = reader;
    this.lines = text.split("\n", -1);
  }

  /** Parses one crm_mon XML document. */
  public static CrmMon parse(String text, String source) throws ParseException {
    if (text.isBlank()) {
      throw new ParseException(source, 0, null, "empty input: expected crm_mon XML");
    }
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (text.charAt(start) != '<' && !(text.charAt(start) == '\ufeff')) {
      int line = HardenedXml.lineOf(text, start);
      int end = text.indexOf('\n', start);
      String first = end < 0 ? text.substring(start) : text.substring(start, end);
      throw new ParseException(source, line, first.strip(),
          "not XML (crm_mon text output? run crm_mon --output-as=xml)");
    }
    XMLStreamReader reader;
    try {
      reader = HardenedXml.reader(text, source);
    } catch (XMLStreamException e) {
      throw new ParseException(source, 1, null, "cannot read XML: " + e.getMessage());
    }
    CrmMonXmlParser parser = new CrmMonXmlParser(text, source, reader);
    try {
      return parser.document();
    } catch (XMLStreamException e) {
      throw parser.malformed(e);
    } catch (RuntimeException e) {
      // The JDK reader reports some malformations as unchecked exceptions.
      throw new ParseException(source, parser.line(), null,
          "malformed XML: " + String.valueOf(e.getMessage()));
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing to release for a string reader
      }
    }
  }

  private ParseException malformed(XMLStreamException e) {
    int line = HardenedXml.line(e, line());
    String token = line >= 1 && line <= lines.length ? lines[line - 1].strip() : null;
    if (token != null && token.isEmpty()) {
      token = "end of input";
    }
    return new ParseException(source, line, token, HardenedXml.malformed(e));
  }

  private int line() {
    return HardenedXml.line(reader);
  }

  // ---------------------------------------------------------------- element cursor

  /** One start tag: its name, line and attributes. */
  private final class Element {
    final String name;
    final int line;
    final Map<String, String> attrs = new LinkedHashMap<>();

    Element() {
      name = reader.getLocalName();
      line = line();
      for (int i = 0; i < reader.getAttributeCount(); i++) {
        attrs.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
      }
    }

    void allow(Set<String> allowed) throws ParseException {
      for (String a : attrs.keySet()) {
        if (!allowed.contains(a)) {
          throw error(line, a, "unknown attribute of <" + name + ">");
        }
      }
    }

    String text(String attr) throws ParseException {
      String v = attrs.get(attr);
      if (v == null) {
        throw error(line, name, "missing attribute '" + attr + "' of element");
      }
      return v;
    }

    Optional<String> optText(String attr) {
      return Optional.ofNullable(attrs.get(attr));
    }

    boolean bool(String attr) throws ParseException {
      return toBool(attr, text(attr));
    }

    Optional<Boolean> optBool(String attr) throws ParseException {
      String v = attrs.get(attr);
      return v == null ? Optional.empty() : Optional.of(toBool(attr, v));
    }

    private boolean toBool(String attr, String v) throws ParseException {
      return switch (v) {
        case "true" -> true;
        case "false" -> false;
        default -> throw error(line, v, "attribute '" + attr + "' of <" + name
            + "> is not true/false");
      };
    }

    int count(String attr) throws ParseException {
      return toCount(attr, text(attr));
    }

    OptionalInt optCount(String attr) throws ParseException {
      String v = attrs.get(attr);
      return v == null ? OptionalInt.empty() : OptionalInt.of(toCount(attr, v));
    }

    private int toCount(String attr, String v) throws ParseException {
      if (!digits(v, 0, v.length(), 9)) {
        throw error(line, v, "attribute '" + attr + "' of <" + name
            + "> is not a non-negative integer");
      }
      return Integer.parseInt(v);
    }

    int integer(String attr) throws ParseException {
      String v = text(attr);
      if (!digits(v, v.startsWith("-") ? 1 : 0, v.length(), 9)) {
        throw error(line, v, "attribute '" + attr + "' of <" + name + "> is not an integer");
      }
      return Integer.parseInt(v);
    }

    <E extends Enum<E>> E word(String attr, Vocabulary<E> vocabulary) throws ParseException {
      return vocabulary.parse(text(attr), source, line);
    }

    <E extends Enum<E>> Optional<E> optWord(String attr, Vocabulary<E> vocabulary)
        throws ParseException {
      String v = attrs.get(attr);
      return v == null ? Optional.empty() : Optional.of(vocabulary.parse(v, source, line));
    }
  }

  private ParseException error(int line, String token, String reason) {
    return new ParseException(source, line, token, reason);
  }

  /**
   * Advances to the next start or end tag, skipping comments, processing instructions and
   * whitespace; other text is an error. Returns the start tag or null at the parent's end tag.
   */
  private Element next(String parent) throws XMLStreamException, ParseException {
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (depth > MAX_DEPTH) {
            throw error(line(), reader.getLocalName(),
                "elements nested deeper than " + MAX_DEPTH);
          }
          return new Element();
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          return null;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
            XMLStreamConstants.SPACE -> {
          if (!reader.isWhiteSpace() && !reader.getText().isBlank()) {
            throw error(line(), reader.getText().strip(), "unexpected text in <" + parent + ">");
          }
        }
        case XMLStreamConstants.DTD -> throw error(line(), "<!DOCTYPE", "DOCTYPE not allowed");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw error(line(), "&" + reader.getLocalName() + ";", "entity reference not allowed");
        case XMLStreamConstants.END_DOCUMENT ->
            throw error(line(), "end of input", "document ends inside <" + parent + ">");
        default -> {
          // comments, processing instructions
        }
      }
    }
    throw error(line(), "end of input", "document ends inside <" + parent + ">");
  }

  private void end(Element e) throws XMLStreamException, ParseException {
    Element child = next(e.name);
    if (child != null) {
      throw error(child.line, child.name, "unexpected element in <" + e.name + ">");
    }
  }

  /** Skips a documented subtree the policy does not use; text is allowed in it. */
  private void skip(Element e) throws XMLStreamException, ParseException {
    int level = 1;
    while (level > 0) {
      if (!reader.hasNext()) {
        throw error(line(), "end of input", "document ends inside <" + e.name + ">");
      }
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          level++;
          depth++;
          if (depth > MAX_DEPTH) {
            throw error(line(), reader.getLocalName(),
                "elements nested deeper than " + MAX_DEPTH);
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          level--;
          depth--;
        }
        case XMLStreamConstants.DTD -> throw error(line(), "<!DOCTYPE", "DOCTYPE not allowed");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw error(line(), "&" + reader.getLocalName() + ";", "entity reference not allowed");
        case XMLStreamConstants.END_DOCUMENT ->
            throw error(line(), "end of input", "document ends inside <" + e.name + ">");
        default -> {
          // text, comments
        }
      }
    }
  }

  private ParseException unexpected(Element child, Element parent) {
    return error(child.line, child.name, "unexpected element in <" + parent.name + ">");
  }

  // ---------------------------------------------------------------- document

  private CrmMon document() throws XMLStreamException, ParseException {
    Element root = null;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth = 1;
        root = new Element();
        break;
      } else if (event == XMLStreamConstants.DTD) {
        throw error(line(), "<!DOCTYPE", "DOCTYPE not allowed");
      } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.SPACE)
          && !reader.getText().isBlank()) {
        throw error(line(), reader.getText().strip(), "text before the root element");
      }
    }
    if (root == null) {
      throw error(line(), "end of input", "no root element: expected crm_mon XML");
    }
    Shape shape;
    String version;
    switch (root.name) {
      case "pacemaker-result" -> {
        root.allow(Set.of("api-version", "request"));
        shape = Shape.RESULT;
        version = root.text("api-version");
        if (!apiVersion(version)) {
          throw error(root.line, version, "unsupported api-version (expected 2.N)");
        }
      }
      case "crm_mon" -> {
        root.allow(Set.of("version"));
        shape = Shape.LEGACY;
        version = root.text("version");
        if (!legacyVersion(version)) {
          throw error(root.line, version, "unsupported crm_mon version (expected 1.x, 2.x or 3.x)");
        }
      }
      default -> throw error(root.line, root.name,
          "wrong root element: expected <pacemaker-result> or <crm_mon>");
    }
    Builder b = new Builder();
    List<String> seen = new ArrayList<>();
    for (Element e = next(root.name); e != null; e = next(root.name)) {
      if (b.status != null) {
        throw error(e.line, e.name, "element after <status> in <" + root.name + ">");
      }
      if (!e.name.equals("status") && seen.contains(e.name)) {
        throw error(e.line, e.name, "repeated section in <" + root.name + ">");
      }
      seen.add(e.name);
      switch (e.name) {
        case "summary" -> b.summary = summary(e, shape);
        case "nodes" -> {
          e.allow(Set.of());
          for (Element n = next(e.name); n != null; n = next(e.name)) {
            if (!n.name.equals("node")) {
              throw unexpected(n, e);
            }
            b.nodes.add(node(n));
          }
        }
        case "resources" -> {
          e.allow(Set.of());
          b.resources.addAll(resourceList(e));
        }
        case "node_attributes", "pacemakerd" -> {
          if (e.name.equals("pacemakerd")) {
            e.allow(Set.of("sys_from", "state", "last_updated"));
            b.pacemakerdState = Optional.of(e.text("state"));
          }
          skip(e);
        }
        case "node_history" -> nodeHistory(e, b.history);
        case "failures" -> {
          e.allow(Set.of());
          for (Element f = next(e.name); f != null; f = next(e.name)) {
            if (!f.name.equals("failure")) {
              throw unexpected(f, e);
            }
            b.failures.add(failure(f));
          }
        }
        case "fence_history" -> {
          e.allow(Set.of("status"));
          if (e.attrs.containsKey("status")) {
            e.integer("status");
          }
          List<FenceEvent> events = new ArrayList<>();
          for (Element f = next(e.name); f != null; f = next(e.name)) {
            if (!f.name.equals("fence_event")) {
              throw unexpected(f, e);
            }
            events.add(fenceEvent(f));
          }
          b.fence = Optional.of(events);
        }
        case "tickets" -> {
          e.allow(Set.of());
          for (Element t = next(e.name); t != null; t = next(e.name)) {
            if (!t.name.equals("ticket")) {
              throw unexpected(t, e);
            }
            b.tickets.add(ticket(t));
          }
        }
        case "bans" -> {
          e.allow(Set.of());
          for (Element t = next(e.name); t != null; t = next(e.name)) {
            if (!t.name.equals("ban")) {
              throw unexpected(t, e);
            }
            b.bans.add(ban(t));
          }
        }
        case "crm-mon-disconnected" -> {
          if (shape != Shape.RESULT) {
            throw unexpected(e, root);
          }
          e.allow(Set.of("description", "pacemakerd-state"));
          b.disconnected = Optional.of(e.optText("description").orElse("disconnected"));
          Optional<String> pacemakerdState = e.optText("pacemakerd-state");
          if (pacemakerdState.isPresent()) {
            b.pacemakerdState = pacemakerdState;
          }
          end(e);
        }
        case "status" -> {
          if (shape != Shape.RESULT) {
            throw unexpected(e, root);
          }
          b.status = status(e, b.disconnected);
        }
        default -> throw unexpected(e, root);
      }
    }
    int rootEnd = line();
    // after the root's end tag only whitespace, comments and PIs may follow (the reader checks)
    while (reader.hasNext()) {
      reader.next();
    }
    if (shape == Shape.RESULT && b.status == null) {
      throw error(rootEnd, root.name, "<pacemaker-result> has no <status> element");
    }
    if (b.disconnected.isPresent() && b.status != null && b.status.code() == 0) {
      throw error(b.status.line(), "0", "crm-mon-disconnected with status code");
    }
    return new CrmMon(shape, version, Optional.ofNullable(b.status), b.pacemakerdState,
        Optional.ofNullable(b.summary), b.nodes, b.resources, b.failures, b.history, b.fence,
        b.tickets, b.bans);
  }

  private static final class Builder {
    Summary summary;
    ResultStatus status;
    Optional<String> disconnected = Optional.empty();
    Optional<String> pacemakerdState = Optional.empty();
    final List<Node> nodes = new ArrayList<>();
    final List<Resource> resources = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();
    final List<ResourceHistory> history = new ArrayList<>();
    Optional<List<FenceEvent>> fence = Optional.empty();
    final List<Ticket> tickets = new ArrayList<>();
    final List<Ban> bans = new ArrayList<>();
  }

  private ResultStatus status(Element e, Optional<String> disconnected)
      throws XMLStreamException, ParseException {
    e.allow(Set.of("code", "message"));
    int code = e.integer("code");
    String message = e.text("message");
    List<String> errors = new ArrayList<>();
    for (Element c = next(e.name); c != null; c = next(e.name)) {
      if (!c.name.equals("errors")) {
        throw unexpected(c, e);
      }
      c.allow(Set.of());
      for (Element err = next(c.name); err != null; err = next(c.name)) {
        if (!err.name.equals("error")) {
          throw unexpected(err, c);
        }
        err.allow(Set.of());
        errors.add(reader.getElementText().strip());
        depth--;
      }
    }
    return new ResultStatus(code, message, errors, disconnected, e.line);
  }

  // ---------------------------------------------------------------- summary

  private Summary summary(Element s, Shape shape) throws XMLStreamException, ParseException {
    s.allow(Set.of());
    Optional<String> stack = Optional.empty();
    Optional<String> pacemakerd = Optional.empty();
    Optional<CurrentDc> dc = Optional.empty();
    OptionalInt nodes = OptionalInt.empty();
    OptionalInt resources = OptionalInt.empty();
    OptionalInt disabled = OptionalInt.empty();
    OptionalInt blocked = OptionalInt.empty();
    Optional<ClusterOptions> options = Optional.empty();
    List<String> seen = new ArrayList<>();
    for (Element e = next(s.name); e != null; e = next(s.name)) {
      if (seen.contains(e.name)) {
        throw error(e.line, e.name, "repeated element in <summary>");
      }
      seen.add(e.name);
      switch (e.name) {
        case "stack" -> {
          e.allow(Set.of("type", "pacemakerd-state"));
          stack = Optional.of(e.text("type"));
          pacemakerd = e.optText("pacemakerd-state");
        }
        case "current_dc" -> {
          e.allow(Set.of("present", "version", "name", "id", "with_quorum", "mixed_version"));
          boolean present = e.bool("present");
          Optional<Boolean> quorum = e.optBool("with_quorum");
          if (present && (e.optText("name").isEmpty() || quorum.isEmpty())) {
            throw error(e.line, "current_dc",
                "DC present but name or with_quorum missing in element");
          }
          dc = Optional.of(new CurrentDc(present, e.optText("name"), e.optText("id"),
              e.optText("version"), quorum, e.optBool("mixed_version").orElse(false)));
        }
        case "last_update" -> e.allow(Set.of("time", "origin"));
        case "last_change" -> e.allow(Set.of("time", "user", "client", "origin"));
        case "nodes_configured" -> {
          e.allow(Set.of("number", "expected_votes"));
          nodes = OptionalInt.of(e.count("number"));
          if (e.attrs.containsKey("expected_votes") && !e.attrs.get("expected_votes").equals("unknown")) {
            e.count("expected_votes");
          }
        }
        case "resources_configured" -> {
          e.allow(Set.of("number", "disabled", "blocked"));
          resources = OptionalInt.of(e.count("number"));
          disabled = e.optCount("disabled");
          blocked = e.optCount("blocked");
        }
        case "cluster_options" -> options = Optional.of(clusterOptions(e));
        default -> throw unexpected(e, s);
      }
      end(e);
    }
    return new Summary(stack, pacemakerd, dc, nodes, resources, disabled, blocked, options);
  }

  private ClusterOptions clusterOptions(Element e) throws ParseException {
    e.allow(OPTIONS_ATTRS);
    Optional<Boolean> fencing = e.optBool("fencing-enabled");
    Optional<Boolean> stonith = e.optBool("stonith-enabled");
    if (fencing.isPresent() && stonith.isPresent() && !fencing.equals(stonith)) {
      throw error(e.line, e.attrs.get("stonith-enabled"),
          "stonith-enabled disagrees with fencing-enabled in <cluster_options>");
    }
    if (fencing.isEmpty() && stonith.isEmpty()) {
      throw error(e.line, "cluster_options",
          "missing attribute 'fencing-enabled' or 'stonith-enabled' of element");
    }
    for (String ms : List.of("fencing-timeout-ms", "stonith-timeout-ms",
        "priority-fencing-delay-ms")) {
      if (e.attrs.containsKey(ms)) {
        e.integer(ms);
      }
    }
    return new ClusterOptions(fencing.isPresent() ? fencing.get() : stonith.get(), e.bool("symmetric-cluster"),
        e.word("no-quorum-policy", NoQuorumPolicy.VOCABULARY), e.optBool("maintenance-mode"),
        e.optBool("stop-all-resources"));
  }

  // ---------------------------------------------------------------- nodes

  private Node node(Element e) throws XMLStreamException, ParseException {
    e.allow(NODE_ATTRS);
    if (e.attrs.containsKey("container_id") && e.attrs.containsKey("id_as_resource")) {
      throw error(e.line, "id_as_resource", "both container_id and id_as_resource on <node>");
    }
    String name = e.text("name");
    String id = e.text("id");
    boolean online = e.bool("online");
    boolean standby = e.bool("standby");
    boolean standbyOnFail = e.bool("standby_onfail");
    boolean maintenance = e.bool("maintenance");
    boolean pending = e.bool("pending");
    boolean unclean = e.bool("unclean");
    Optional<NodeHealth> health = e.optWord("health", NodeHealth.VOCABULARY);
    boolean shutdown = e.bool("shutdown");
    boolean expectedUp = e.bool("expected_up");
    boolean isDc = e.bool("is_dc");
    int running = e.count("resources_running");
    NodeType type = e.word("type", NodeType.VOCABULARY);
    Optional<String> guestOf = e.optText("id_as_resource");
    if (guestOf.isEmpty()) {
      guestOf = e.optText("container_id");
    }
    List<Resource> resources = resourceList(e);
    return new Node(name, id, online, standby, standbyOnFail, maintenance, pending, unclean,
        shutdown, expectedUp, isDc, running, type, health, guestOf, resources, e.line);
  }

  // ---------------------------------------------------------------- resources

  /** Reads bundle/clone/group/resource children until the parent's end tag. */
  private List<Resource> resourceList(Element parent) throws XMLStreamException, ParseException {
    List<Resource> result = new ArrayList<>();
    for (Element e = next(parent.name); e != null; e = next(parent.name)) {
      switch (e.name) {
        case "resource" -> result.add(primitive(e));
        case "clone" -> result.add(clone(e));
        case "group" -> result.add(group(e));
        case "bundle" -> result.add(bundle(e));
        default -> throw unexpected(e, parent);
      }
    }
    return result;
  }

  private Primitive primitive(Element e) throws XMLStreamException, ParseException {
    e.allow(RESOURCE_ATTRS);
    String id = e.text("id");
    String agent = e.text("resource_agent");
    Role role = e.word("role", Role.VOCABULARY);
    Optional<Role> target = Optional.empty();
    if (e.attrs.containsKey("target_role")) {
      target = Optional.of(Role.parseTarget(e.attrs.get("target_role"), source, e.line));
    }
    boolean active = e.bool("active");
    Optional<Boolean> orphaned = e.optBool("orphaned");
    Optional<Boolean> removed = e.optBool("removed");
    if (orphaned.isEmpty() && removed.isEmpty()) {
      throw error(e.line, "resource", "missing attribute 'orphaned' or 'removed' of element");
    }
    if (orphaned.isPresent() && removed.isPresent() && !orphaned.equals(removed)) {
      throw error(e.line, e.attrs.get("removed"), "removed disagrees with orphaned in <resource>");
    }
    boolean blocked = e.optBool("blocked").orElse(false);
    boolean maintenance = e.optBool("maintenance").orElse(false);
    boolean failed = e.bool("failed");
    boolean managed = e.bool("managed");
    boolean failureIgnored = e.bool("failure_ignored");
    int running = e.count("nodes_running_on");
    List<String> nodes = new ArrayList<>();
    boolean xmlSeen = false;
    for (Element c = next(e.name); c != null; c = next(e.name)) {
      if (c.name.equals("node") && !xmlSeen) {
        c.allow(Set.of("name", "id", "cached"));
        nodes.add(c.text("name"));
        c.text("id");
        c.bool("cached");
        end(c);
      } else if (c.name.equals("xml") && !xmlSeen) {
        xmlSeen = true;
        skip(c);
      } else {
        throw unexpected(c, e);
      }
    }
    if (nodes.size() != running) {
      throw error(e.line, Integer.toString(running),
          "nodes_running_on of <resource> does not match its " + nodes.size() + " <node> children");
    }
    return new Primitive(id, agent, role, target, active, orphaned.isPresent() ? orphaned.get() : removed.get(),
        blocked, managed, failed, failureIgnored, maintenance, running, nodes,
        e.optText("locked_to"), e.optText("pending"), e.line);
  }

  private Clone clone(Element e) throws XMLStreamException, ParseException {
    e.allow(CLONE_ATTRS);
    String id = e.text("id");
    boolean promotable = e.bool("multi_state");
    boolean unique = e.bool("unique");
    e.optBool("maintenance");
    boolean managed = e.bool("managed");
    boolean disabled = e.optBool("disabled").orElse(false);
    boolean failed = e.bool("failed");
    boolean failureIgnored = e.bool("failure_ignored");
    Optional<Role> target = Optional.empty();
    if (e.attrs.containsKey("target_role")) {
      target = Optional.of(Role.parseTarget(e.attrs.get("target_role"), source, e.line));
    }
    return new Clone(id, promotable, unique, managed, disabled, failed, failureIgnored, target,
        resourceList(e), e.line);
  }

  private Group group(Element e) throws XMLStreamException, ParseException {
    e.allow(GROUP_ATTRS);
    String id = e.text("id");
    int number = e.count("number_resources");
    e.optBool("maintenance");
    Optional<Boolean> managed = e.optBool("managed");
    Optional<Boolean> disabled = e.optBool("disabled");
    List<Resource> members = resourceList(e);
    return new Group(id, number, managed, disabled, members, e.line);
  }

  private Bundle bundle(Element e) throws XMLStreamException, ParseException {
    e.allow(BUNDLE_ATTRS);
    String id = e.text("id");
    BundleType type = e.word("type", BundleType.VOCABULARY);
    String image = e.text("image");
    boolean unique = e.bool("unique");
    e.optBool("maintenance");
    boolean managed = e.bool("managed");
    boolean failed = e.bool("failed");
    List<Bundle.Replica> replicas = new ArrayList<>();
    for (Element r = next(e.name); r != null; r = next(e.name)) {
      if (!r.name.equals("replica")) {
        throw unexpected(r, e);
      }
      r.allow(Set.of("id"));
      int replicaId = r.count("id");
      List<Primitive> resources = new ArrayList<>();
      for (Element c = next(r.name); c != null; c = next(r.name)) {
        if (!c.name.equals("resource")) {
          throw unexpected(c, r);
        }
        resources.add(primitive(c));
      }
      replicas.add(new Bundle.Replica(replicaId, resources));
    }
    return new Bundle(id, type, image, unique, managed, failed, replicas, e.line);
  }

  // ---------------------------------------------------------------- history, failures, fencing

  private void nodeHistory(Element h, List<ResourceHistory> out)
      throws XMLStreamException, ParseException {
    h.allow(Set.of());
    for (Element n = next(h.name); n != null; n = next(h.name)) {
      if (!n.name.equals("node")) {
        throw unexpected(n, h);
      }
      n.allow(Set.of("name"));
      String node = n.text("name");
      for (Element r = next(n.name); r != null; r = next(n.name)) {
        if (!r.name.equals("resource_history")) {
          throw unexpected(r, n);
        }
        r.allow(Set.of("id", "orphan", "removed", "migration-threshold", "fail-count",
            "last-failure"));
        String id = r.text("id");
        if (r.optBool("orphan").isEmpty() && r.optBool("removed").isEmpty()) {
          throw error(r.line, "resource_history",
              "missing attribute 'orphan' or 'removed' of element");
        }
        OptionalInt threshold = score(r, "migration-threshold");
        OptionalInt failCount = score(r, "fail-count");
        for (Element o = next(r.name); o != null; o = next(r.name)) {
          if (!o.name.equals("operation_history")) {
            throw unexpected(o, r);
          }
          skip(o);
        }
        out.add(new ResourceHistory(node, id, threshold, failCount, r.line));
      }
    }
  }

  /** A count that may be Pacemaker's score INFINITY (spelt INFINITY or +INFINITY). */
  private OptionalInt score(Element e, String attr) throws ParseException {
    String v = e.attrs.get(attr);
    if (v == null) {
      return OptionalInt.empty();
    }
    if (v.equals("INFINITY") || v.equals("+INFINITY")) {
      return OptionalInt.of(ResourceHistory.INFINITY);
    }
    int n = e.count(attr);
    return OptionalInt.of(Math.min(n, ResourceHistory.INFINITY));
  }

  private Failure failure(Element e) throws XMLStreamException, ParseException {
    e.allow(FAILURE_ATTRS);
    if (e.attrs.containsKey("op_key") == e.attrs.containsKey("id")) {
      throw error(e.line, "failure", "element needs exactly one of 'op_key' and 'id'");
    }
    Optional<String> opKey = e.optText("op_key");
    String key = opKey.isPresent() ? opKey.get() : e.attrs.get("id");
    String node = e.text("node");
    String exitStatus = e.text("exitstatus");
    String exitReason = e.text("exitreason");
    int exitCode = e.count("exitcode");
    int call = e.integer("call");
    String status = e.text("status");
    OptionalLong interval = OptionalLong.empty();
    if (e.attrs.containsKey("interval")) {
      String v = e.attrs.get("interval");
      if (!digits(v, 0, v.length(), 18)) {
        throw error(e.line, v, "attribute 'interval' of <failure> is not a non-negative integer");
      }
      interval = OptionalLong.of(Long.parseLong(v));
    }
    for (String n : List.of("queued", "exec")) {
      if (e.attrs.containsKey(n)) {
        e.count(n);
      }
    }
    end(e);
    return new Failure(key, node, exitStatus, exitReason, exitCode, call, status,
        e.optText("task"), interval, e.line);
  }

  private FenceEvent fenceEvent(Element e) throws XMLStreamException, ParseException {
    e.allow(FENCE_ATTRS);
    String statusAttr = e.attrs.containsKey("status") ? "status" : "state";
    if (e.attrs.containsKey("status") && e.attrs.containsKey("state")) {
      throw error(e.line, "state", "both status and state on <fence_event>");
    }
    FenceStatus status = e.word(statusAttr, FenceStatus.VOCABULARY);
    FenceEvent event = new FenceEvent(e.text("target"), e.text("action"), status,
        e.optText("delegate"), e.optText("client"), e.optText("origin"), e.optText("completed"),
        e.optText("exit-reason").or(() -> e.optText("exec-reason")), e.line);
    end(e);
    return event;
  }

  private Ticket ticket(Element e) throws XMLStreamException, ParseException {
    // ticket-2.35.rng allows any further attribute (ticket attributes are copied verbatim)
    String id = e.text("id");
    Optional<TicketStatus> status = e.optWord("status", TicketStatus.VOCABULARY);
    boolean standby = e.optBool("standby").orElse(false);
    Map<String, Integer> seen = new HashMap<>();
    for (Element c = next(e.name); c != null; c = next(e.name)) {
      if (!(c.name.equals("attribute") || c.name.equals("constraints"))
          || seen.put(c.name, 1) != null) {
        throw unexpected(c, e);
      }
      skip(c);
    }
    return new Ticket(id, status, standby, e.line);
  }

  private Ban ban(Element e) throws XMLStreamException, ParseException {
    e.allow(Set.of("id", "resource", "node", "weight", "promoted-only", "master_only"));
    Optional<Boolean> promoted = e.optBool("promoted-only");
    Optional<Boolean> master = e.optBool("master_only");
    if (promoted.isEmpty() && master.isEmpty()) {
      throw error(e.line, "ban", "missing attribute 'promoted-only' or 'master_only' of element");
    }
    if (promoted.isPresent() && master.isPresent() && !promoted.equals(master)) {
      throw error(e.line, e.attrs.get("master_only"), "master_only disagrees with promoted-only");
    }
    Ban ban = new Ban(e.text("id"), e.text("resource"), e.text("node"), e.integer("weight"),
        promoted.isPresent() ? promoted.get() : master.get(), e.line);
    end(e);
    return ban;
  }

  /** {@code v[from, to)} is 1 to {@code max} ASCII digits (the regex {@code [0-9]{1,max}}). */
  private static boolean digits(String v, int from, int to, int max) {
    if (to - from < 1 || to - from > max) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code 2\.[0-9]{1,4}}. */
  private static boolean apiVersion(String v) {
    return v.length() > 2 && v.charAt(0) == '2' && v.charAt(1) == '.'
        && digits(v, 2, v.length(), 4);
  }

  /** {@code [123]\.[0-9]{1,4}(\.[0-9]{1,4})?}. */
  private static boolean legacyVersion(String v) {
    if (v.length() < 3 || v.charAt(0) < '1' || v.charAt(0) > '3' || v.charAt(1) != '.') {
      return false;
    }
    int dot = v.indexOf('.', 2);
    return dot < 0
        ? digits(v, 2, v.length(), 4)
        : digits(v, 2, dot, 4) && digits(v, dot + 1, v.length(), 4);
  }
}
