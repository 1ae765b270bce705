package dev.perflens.engine.identity;

import dev.perflens.engine.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.EnumConstantDeclaration;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.FieldDeclaration;
import org.eclipse.jdt.core.dom.Initializer;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.SingleVariableDeclaration;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.ThrowStatement;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;

/**
 * What a finding is, independent of the lines around it: the rule, the enclosing type and
 * member (a method with its parameter types, a field, an initialiser), a hash of the flagged code
 * as the parser prints it (comments, line breaks and indentation do not count), and an ordinal
 * when the same code is flagged more than once in the member. Moving code, or editing other
 * members, keeps every identity; editing the flagged statement makes a new one.
 *
 * <p>Form: {@code rule:Type.Inner#member(Params):hash[:ordinal]}, e.g.
 * {@code list-membership-in-loop:com.example.OrderMatcher#matchOrders(List,List):3f9a0c21d4e8b7a6}.
 */
public final class FindingIdentity {
    private FindingIdentity() {
    }

    /** The findings (in report order) with their identities, computed from the nodes they were reported on. */
    public static List<Finding> assign(List<Finding> findings, List<ASTNode> nodes) {
        List<Finding> identified = new ArrayList<>(findings.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            String base = finding.ruleId() + ":" + member(nodes.get(i)) + ":" + hash(flaggedCode(nodes.get(i)));
            int ordinal = seen.merge(base, 1, Integer::sum) - 1;
            identified.add(finding.withIdentity(ordinal == 0 ? base : base + ":" + ordinal));
        }
        return identified;
    }

    /** {@code com.example.Outer.Inner#name(String,int)}, {@code ...#field}, {@code ...#<init>}, {@code ...#<clinit>}. */
    static String member(ASTNode node) {
        String member = null;
        StringBuilder types = new StringBuilder();
        for (ASTNode n = node; n != null; n = n.getParent()) {
            if (member == null && n instanceof BodyDeclaration body && !(n instanceof AbstractTypeDeclaration)) {
                member = memberName(body);
            }
            if (n instanceof AbstractTypeDeclaration type) {
                types.insert(0, types.length() == 0 ? type.getName().getIdentifier() : type.getName().getIdentifier() + ".");
                if (member == null) {
                    member = "<type>";
                }
            } else if (n instanceof AnonymousClassDeclaration anonymous && anonymous.getParent() instanceof ClassInstanceCreation creation) {
                // an anonymous class is known by what it implements and the member it is created in
                types.insert(0, types.length() == 0 ? "new " + creation.getType() : "new " + creation.getType() + ".");
                if (member == null) {
                    member = "<type>";
                }
            }
        }
        String pkg = node.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit && unit.getPackage() != null
                ? unit.getPackage().getName().getFullyQualifiedName() + "." : "";
        return pkg + types + "#" + (member == null ? "<unit>" : member);
    }

    private static String memberName(BodyDeclaration body) {
        if (body instanceof MethodDeclaration method) {
            StringBuilder name = new StringBuilder(method.isConstructor() ? "<init>" : method.getName().getIdentifier()).append('(');
            for (int p = 0; p < method.parameters().size(); p++) {
                SingleVariableDeclaration parameter = (SingleVariableDeclaration) method.parameters().get(p);
                String type = parameter.getType().toString().replaceAll("<.*>", "") + (parameter.isVarargs() ? "..." : "")
                        + "[]".repeat(parameter.getExtraDimensions());
                name.append(p == 0 ? "" : ",").append(type.substring(type.lastIndexOf('.') + 1));
            }
            return name.append(')').toString();
        }
        if (body instanceof FieldDeclaration field) {
            StringBuilder names = new StringBuilder();
            for (Object fragment : field.fragments()) {
                names.append(names.length() == 0 ? "" : ",").append(((VariableDeclarationFragment) fragment).getName());
            }
            return names.toString();
        }
        if (body instanceof Initializer initializer) {
            return Modifier.isStatic(initializer.getModifiers()) ? "<clinit>" : "<init-block>";
        }
        if (body instanceof EnumConstantDeclaration constant) {
            return constant.getName().getIdentifier();
        }
        return body.getClass().getSimpleName();
    }

    /**
     * The flagged node with the simple statement it sits in (an expression statement, a local's
     * declaration, a return or throw), so that {@code a.contains(x)} in two statements differs; a
     * node in the header of a compound statement (a loop, an if) stands alone, so that editing the
     * body does not change what the finding is.
     */
    private static String flaggedCode(ASTNode node) {
        for (ASTNode n = node; n != null && !(n instanceof BodyDeclaration); n = n.getParent()) {
            if (n instanceof ExpressionStatement || n instanceof VariableDeclarationStatement
                    || n instanceof ReturnStatement || n instanceof ThrowStatement) {
                return n.toString();
            }
            if (n instanceof Statement) {
                break;
            }
        }
        String own = node.toString().replaceAll("(?s)/\\*.*?\\*/", "");
        // a type or a method: its signature line, not its body
        int body = node instanceof BodyDeclaration ? own.indexOf('{') : -1;
        return body > 0 ? own.substring(0, body) : own;
    }

    static String hash(String code) {
        String normalised = code.replaceAll("\\s+", " ").trim();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
