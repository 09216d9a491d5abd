// jenkins-multiarch: the argument checks of the multiarch* steps, and the files they run.
// The rules come from resources/jenkins-multiarch/model.json, which `jenkins-multiarch library`
// writes from the same model as the CLI's checks, so a step's arguments are checked with the same
// rules and reported in the same words as a jenkins-multiarch.yaml. Internal to the library: call
// the multiarch* steps instead.
//
// Only what script-security's generic-whitelist allows, so the library also runs untrusted, in the
// sandbox: plain Groovy, java.util.regex, String and StringBuilder (test/sandbox.test.ts checks).

/**
 * A step's arguments, checked, with defaults applied, and the files of resources/jenkins-multiarch/
 * by name: [config: ..., resources: ...]. Fails the build on any problem, before anything runs.
 */
Map prepare(String step, Map args) {
  String model = libraryResource('jenkins-multiarch/model.json')
  List checked = checkArguments(model, step, args == null ? [:] : args)
  if (checked[1]) {
    error(step + ': invalid arguments, nothing was run:\n' + describeProblems(checked[1]))
  }
  // The runtime reads model.json too: its table of the shell steps' environment.
  Map resources = ['model.json': model]
  for (String name in resourceNames(model)) {
    resources[name] = libraryResource('jenkins-multiarch/' + name)
  }
  return [config: checked[0], resources: resources]
}

/** [the arguments with defaults applied, the problems as [path, message] pairs]. */
@NonCPS
List checkArguments(String modelJson, String step, def args) {
  Map model = new groovy.json.JsonSlurper().parseText(modelJson)
  Map taken = model.steps[step]
  // A section the step requires is required, whatever a config may do (multiarchMirror's mirror).
  List fields = model.spec.fields.findAll { taken.fields.contains(it.name) }.collect { taken.requires.contains(it.name) ? it + [optional: false] : it }
  Map spec = [kind: 'section', expected: model.spec.expected, fields: fields]
  List problems = []
  def config = checkValue(model, spec, args, '', problems)
  return [config, problems]
}

@NonCPS
List resourceNames(String modelJson) {
  return new groovy.json.JsonSlurper().parseText(modelJson).resources.collect { it.toString() }
}

@NonCPS
String describeProblems(List problems) {
  return problems.collect { '  ' + (it[0] ?: '(arguments)') + ': ' + it[1] }.join('\n')
}

// ---- the model's checks, interpreting model.json as src/model/pipeline.ts does. A section's
// fields are a list of specs with their names, in the order problems are reported.

@NonCPS
Map checkSection(Map model, Map spec, Map value, String path, List problems) {
  Map out = [:]
  for (Map field : spec.fields) {
    String name = field.name
    String at = join(path, name)
    if (!value.containsKey(name)) {
      if (field.containsKey('default')) {
        out[name] = field['default']
      } else if (field.defaultEmpty) {
        out[name] = checkSection(model, field, [:], at, problems)
      } else if (field.kind == 'map') {
        out[name] = [:]
      } else if (!field.optional) {
        problems << [at, format(model, 'required', [expected: field.expected])]
      }
    } else if (value[name] == null) {
      if (field.nullable) {
        out[name] = null
      } else {
        problems << [at, format(model, 'wrongType', [expected: field.expected, got: 'null'])]
      }
    } else {
      out[name] = checkValue(model, field, value[name], at, problems)
    }
  }
  List known = spec.fields.collect { it.name }
  List unknown = value.keySet().findAll { !known.contains(it) }.toList()
  if (unknown) {
    problems << [path, format(model, 'unknownFields', [
      fields: unknown.size() > 1 ? 'fields' : 'field',
      keys: unknown.collect { key -> String suggestion = closest(key.toString(), known); suggestion ? format(model, 'didYouMean', [value: quote(model, key.toString()), suggestion: suggestion]) : quote(model, key.toString()) }.join(', '),
      known: known.join(', '),
    ])]
  }
  checkConstraints(model, spec, value, path, problems)
  return out
}

/** A section's given fields with each other: onlyWith, keysIn and exactlyOne. */
@NonCPS
void checkConstraints(Map model, Map spec, Map value, String path, List problems) {
  for (Map field : spec.fields) {
    String name = field.name
    Map condition = field.onlyWith
    if (condition == null || value[name] == null) {
      continue
    }
    def sibling = value[condition.field]
    boolean met = condition.values != null ? sibling instanceof CharSequence && condition.values.contains(sibling.toString()) : sibling != null
    if (!met) {
      String when = condition.values != null ? format(model, 'whenFieldIs', [field: condition.field, values: condition.values.collect { quote(model, it) }.join(' or ')]) : format(model, 'withField', [field: condition.field])
      problems << [join(path, name), format(model, 'onlyWith', [condition: when])]
    }
  }
  for (Map field : spec.fields) {
    def map = value[field.name]
    def list = value[field.keysIn]
    if (field.kind != 'map' || field.keysIn == null || !(map instanceof Map) || !(list instanceof List)) {
      continue
    }
    map.keySet().each { key ->
      if (!list.contains(key)) {
        problems << [join(join(path, field.name), key.toString()), format(model, 'notListedIn', [value: quote(model, key.toString()), field: field.keysIn])]
      }
    }
  }
  if (spec.exactlyOne) {
    List got = spec.exactlyOne.findAll { value[it] != null }
    if (got.size() != 1) {
      problems << [path, format(model, 'exactlyOne', [fields: spec.exactlyOne.join(', '), got: got ? got.join(' and ') : 'none'])]
    }
  }
}

@NonCPS
def checkValue(Map model, Map spec, def value, String path, List problems) {
  String wrongType = format(model, 'wrongType', [expected: spec.expected, got: describeInput(model, value)])
  switch (spec.kind) {
    case 'text':
      if (!(value instanceof CharSequence)) { problems << [path, wrongType]; return null }
      String problem = grammarProblem(model, spec.grammar, value.toString())
      if (problem) { problems << [path, problem] }
      return value.toString()
    case 'boolean':
      if (!(value instanceof Boolean)) { problems << [path, wrongType] }
      return value
    case 'integer':
      boolean whole = value instanceof Integer || value instanceof Long || value instanceof BigInteger
      if (!whole || value < spec.min || value > spec.max) { problems << [path, wrongType] }
      return value
    case 'either':
      if (value instanceof CharSequence) { return checkValue(model, spec.text, value, path, problems) }
      if (value instanceof Map) { return checkValue(model, spec.section, value, path, problems) }
      problems << [path, wrongType]
      return null
    case 'choice':
      if (!(value instanceof CharSequence) || !spec.values.contains(value.toString())) { problems << [path, wrongType] }
      return value.toString()
    case 'platform':
      if (!(value instanceof CharSequence)) { problems << [path, wrongType]; return null }
      String problem = platformProblem(model, value.toString())
      if (problem) { problems << [path, problem] }
      return value.toString()
    case 'list':
      if (!(value instanceof List)) { problems << [path, wrongType]; return null }
      List out = []
      value.eachWithIndex { item, index -> out << checkValue(model, spec.item, item, path + '[' + index + ']', problems) }
      if (value.isEmpty()) { problems << [path, format(model, 'emptyList', [expected: spec.expected])] }
      checkSize(model, value.size(), 'list', path, problems)
      if (!spec.repeatable) { checkRepeats(model, spec, value, path, problems) }
      return out
    case 'map':
      if (!(value instanceof Map)) { problems << [path, wrongType]; return null }
      Map out = [:]
      value.each { key, item -> out[key.toString()] = checkValue(model, spec.value, item, join(path, key.toString()), problems) }
      value.keySet().each { key ->
        String problem = grammarProblem(model, spec.key, key.toString())
        if (problem) { problems << [join(path, key.toString()), problem] }
      }
      checkSize(model, value.size(), 'map', path, problems)
      return out
    case 'section':
      if (!(value instanceof Map)) { problems << [path, wrongType]; return null }
      return checkSection(model, spec, value, path, problems)
  }
  // The model is generated with the kinds above only.
  problems << [path, 'the library does not know the field kind ' + spec.kind + ': model.json is newer than vars/']
  return null
}

/** Jenkins' CPS compiler refuses larger list and map literals (CpsTransformer). */
@NonCPS
void checkSize(Map model, int count, String kind, String path, List problems) {
  int max = model.literalLimits[kind]
  if (count > max) {
    problems << [path, format(model, 'tooManyEntries', [count: count.toString(), max: max.toString(), kind: kind])]
  }
}

/** Equal entries, and mappings sharing the spec's distinctBy field, as the model reports them. */
@NonCPS
void checkRepeats(Map model, Map spec, List value, String path, List problems) {
  value.eachWithIndex { item, index ->
    String at = path + '[' + index + ']'
    if (item instanceof Map && spec.distinctBy != null) {
      def key = item[spec.distinctBy]
      int first = value.findIndexOf { it instanceof Map && it[spec.distinctBy] == key }
      if (key instanceof CharSequence && first != index) {
        problems << [join(at, spec.distinctBy), format(model, 'listedTwice', [value: quote(model, key.toString())])]
      }
      return
    }
    int first = value.findIndexOf { it == item }
    if (first != index) {
      problems << [at, item instanceof Map ? format(model, 'repeatsEntry', [index: first.toString()]) : format(model, 'listedTwice', [value: quote(model, item.toString())])]
    }
  }
}

@NonCPS
String grammarProblem(Map model, String name, String value) {
  Map grammar = model.grammars[name]
  for (Map mistake : (grammar.mistakes ?: [])) {
    if (java.util.regex.Pattern.compile(mistake.pattern).matcher(value).find()) {
      return format(model, 'mistake', [value: mistake.secret ? format(model, 'hiddenValue', [:]) : quote(model, value), message: mistake.message])
    }
  }
  if (java.util.regex.Pattern.compile(grammar.pattern).matcher(value).matches()) {
    return null
  }
  for (Map error : (grammar.errors ?: [])) {
    java.util.regex.Matcher match = java.util.regex.Pattern.compile(error.pattern).matcher(value)
    if (match.find()) {
      return format(model, 'syntaxError', [value: quote(model, value), noun: grammar.noun, message: fill(error.message, [column: (match.end() + 1).toString()])])
    }
  }
  return format(model, 'notGrammar', [value: quote(model, value), noun: grammar.noun, expected: grammar.expected])
}

@NonCPS
String platformProblem(Map model, String value) {
  if (model.platforms.contains(value)) {
    return null
  }
  String lower = value.trim().toLowerCase()
  String suggestion = model.platformAliases[lower.replaceFirst('^linux/', '')] ?: closest(lower.contains('/') ? lower : 'linux/' + lower, model.platforms)
  return format(model, 'unknownPlatform', [
    value: suggestion ? format(model, 'didYouMean', [value: quote(model, value), suggestion: suggestion]) : quote(model, value),
    known: model.platforms.join(', '),
  ])
}

/** The candidate a typo most likely meant: at most two edits away, else null. */
@NonCPS
String closest(String input, List candidates) {
  String best = null
  int bestDistance = 3
  for (String candidate : candidates) {
    List previous = (0..candidate.length()).toList()
    for (int i = 1; i <= input.length(); i++) {
      List current = [i]
      for (int j = 1; j <= candidate.length(); j++) {
        int substitution = previous[j - 1] + (input[i - 1] == candidate[j - 1] ? 0 : 1)
        current << Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), substitution)
      }
      previous = current
    }
    if (previous[candidate.length()] < bestDistance) {
      best = candidate
      bestDistance = previous[candidate.length()]
    }
  }
  return best
}

@NonCPS
String format(Map model, String name, Map values) {
  return fill(model.messages[name], values)
}

/** Replaces each {name} in a template; names without a value stay as written. */
@NonCPS
String fill(String template, Map values) {
  return template.replaceAll('\\{(\\w+)\\}') { List match -> values.containsKey(match[1]) ? values[match[1]].toString() : match[0] }
}

/** A value as messages show it: double-quoted, cut after model.quoteLimit units (src/model/messages.ts quote). */
@NonCPS
String quote(Map model, String value) {
  if (value.length() <= model.quoteLimit) return jsonQuote(value)
  return format(model, 'cutValue', [start: jsonQuote(value.substring(0, model.quoteLimit)), length: value.length().toString()])
}

/** A string with JSON escapes, as JSON.stringify writes it. */
@NonCPS
String jsonQuote(String value) {
  StringBuilder out = new StringBuilder('"')
  for (int i = 0; i < value.length(); i++) {
    String c = value[i]
    int code = (int) value.charAt(i)
    switch (c) {
      case '"': out.append('\\"'); break
      case '\\': out.append('\\\\'); break
      case '\n': out.append('\\n'); break
      case '\r': out.append('\\r'); break
      case '\t': out.append('\\t'); break
      case '\b': out.append('\\b'); break
      case '\f': out.append('\\f'); break
      default:
        // Half of a surrogate pair is escaped too: written raw, it would print as "?".
        boolean lone = isHighSurrogate(code) ? !(i + 1 < value.length() && isLowSurrogate((int) value.charAt(i + 1))) : isLowSurrogate(code) && !(i > 0 && isHighSurrogate((int) value.charAt(i - 1)))
        out.append(code < 0x20 || lone ? String.format('\\u%04x', code) : c)
    }
  }
  return out.append('"').toString()
}

// Not Character.isHighSurrogate and isLowSurrogate: generic-whitelist does not list them.
@NonCPS
boolean isHighSurrogate(int code) {
  return code >= 0xd800 && code <= 0xdbff
}

@NonCPS
boolean isLowSurrogate(int code) {
  return code >= 0xdc00 && code <= 0xdfff
}

@NonCPS
String describeInput(Map model, def value) {
  if (value == null) return 'null'
  if (value instanceof List) return 'a list'
  if (value instanceof Map) return 'a mapping'
  if (value instanceof CharSequence) return quote(model, value.toString())
  return value.toString()
}

@NonCPS
String join(String path, String key) {
  return path ? path + '.' + key : key
}
