package dev.perflens.engine;

import dev.perflens.engine.text.LineMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Annotation;
import org.eclipse.jdt.core.dom.ArrayInitializer;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.Comment;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.MemberValuePair;
import org.eclipse.jdt.core.dom.NormalAnnotation;
import org.eclipse.jdt.core.dom.SingleMemberAnnotation;
import org.eclipse.jdt.core.dom.SingleVariableDeclaration;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;

/**
 * Where the user asked for silence: {@code @SuppressWarnings("perflens:<id>")} (or
 * {@code "perflens"} for every rule) on an enclosing declaration, and a
 * {@code // perflens:ignore <id>} comment at the end of the finding's line or alone on the line
 * above it (no id: every rule).
 */
final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile("perflens:ignore\\b([\\sa-z0-9,-]*)");
    private static final String ALL = "*";

    private final CompilationUnit unit;
    private final String source;
    private final LineMap lines;
    private final Map<Integer, Set<String>> ignoredByLine = new HashMap<>();

    Suppressions(CompilationUnit unit, String source, LineMap lines) {
        this.unit = unit;
        this.source = source;
        this.lines = lines;
        for (Object item : unit.getCommentList()) {
            Comment comment = (Comment) item;
            int start = comment.getStartPosition();
            int end = Math.min(source.length(), start + comment.getLength());
            Matcher matcher = IGNORE.matcher(source.substring(start, end));
            if (!matcher.find()) {
                continue;
            }
            Set<String> ids = parseIds(matcher.group(1));
            int line = lines.line(start);
            ignoredByLine.computeIfAbsent(line, key -> new HashSet<>()).addAll(ids);
            boolean aloneOnItsLine = source.substring(lines.lineStart(line), start).isBlank();
            if (aloneOnItsLine) {
                ignoredByLine.computeIfAbsent(line + 1, key -> new HashSet<>()).addAll(ids);
            }
        }
    }

    private static Set<String> parseIds(String text) {
        Set<String> ids = new HashSet<>();
        for (String part : text.trim().split("[\\s,]+")) {
            if (!part.isBlank()) {
                ids.add(part);
            }
        }
        if (ids.isEmpty()) {
            ids.add(ALL);
        }
        return ids;
    }

    boolean isSuppressed(String ruleId, ASTNode node) {
        Set<String> ignored = ignoredByLine.get(lines.line(node.getStartPosition()));
        if (ignored != null && (ignored.contains(ruleId) || ignored.contains(ALL))) {
            return true;
        }
        for (ASTNode n = node; n != null; n = n.getParent()) {
            List<?> modifiers = modifiersOf(n);
            if (modifiers != null && suppressedBy(modifiers, ruleId)) {
                return true;
            }
        }
        return false;
    }

    private static List<?> modifiersOf(ASTNode node) {
        if (node instanceof BodyDeclaration declaration) {
            return declaration.modifiers();
        }
        if (node instanceof VariableDeclarationStatement statement) {
            return statement.modifiers();
        }
        if (node instanceof VariableDeclarationExpression expression) {
            return expression.modifiers();
        }
        if (node instanceof SingleVariableDeclaration declaration) {
            return declaration.modifiers();
        }
        return null;
    }

    private static boolean suppressedBy(List<?> modifiers, String ruleId) {
        for (Object modifier : modifiers) {
            if (!(modifier instanceof Annotation annotation)
                    || !annotation.getTypeName().getFullyQualifiedName().endsWith("SuppressWarnings")) {
                continue;
            }
            Expression value = null;
            if (annotation instanceof SingleMemberAnnotation single) {
                value = single.getValue();
            } else if (annotation instanceof NormalAnnotation normal) {
                for (Object pair : normal.values()) {
                    if (((MemberValuePair) pair).getName().getIdentifier().equals("value")) {
                        value = ((MemberValuePair) pair).getValue();
                    }
                }
            }
            if (mentions(value, ruleId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Expression value, String ruleId) {
        if (value instanceof StringLiteral literal) {
            String text = literal.getLiteralValue();
            return text.equals("perflens") || text.equals("perflens:" + ruleId);
        }
        if (value instanceof ArrayInitializer array) {
            for (Object element : array.expressions()) {
                if (mentions((Expression) element, ruleId)) {
                    return true;
                }
            }
        }
        return false;
    }
}
