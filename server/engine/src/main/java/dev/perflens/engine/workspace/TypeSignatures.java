package dev.perflens.engine.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTParser;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Initializer;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.Modifier;

/**
 * What other files can see of a Java file: its types and their non-private members' declarations
 * (modifiers, types, names, parameters; no bodies, no comments). Two texts with equal signatures
 * resolve the same for every file that uses them, so a save that keeps the signature needs no
 * dependent re-checked. Parsed without bindings (tens of milliseconds for a large file).
 *
 * @param typeNames the simple names of the declared types, top-level and nested
 * @param text      the declarations, one per line, in source order
 */
public record TypeSignatures(List<String> typeNames, String text) {
    public TypeSignatures {
        typeNames = List.copyOf(typeNames);
    }

    public static TypeSignatures of(String source) {
        ASTParser parser = ASTParser.newParser(AST.getJLSLatest());
        parser.setKind(ASTParser.K_COMPILATION_UNIT);
        Map<String, String> options = JavaCore.getOptions();
        JavaCore.setComplianceOptions(JavaCore.latestSupportedJavaVersion(), options);
        parser.setCompilerOptions(options);
        parser.setSource(source.toCharArray());
        CompilationUnit unit = (CompilationUnit) parser.createAST(null);
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        unit.accept(new ASTVisitor() {
            @Override
            public boolean preVisit2(ASTNode node) {
                if (node instanceof AbstractTypeDeclaration type) {
                    names.add(type.getName().getIdentifier());
                    text.append(header(type)).append('\n');
                    return true;
                }
                if (node instanceof BodyDeclaration member && !(node instanceof Initializer)) {
                    if (!Modifier.isPrivate(member.getModifiers())) {
                        text.append(header(member)).append('\n');
                    }
                    return false;
                }
                return node instanceof CompilationUnit;
            }
        });
        return new TypeSignatures(names, text.toString());
    }

    /** A declaration's text up to its body: what callers and subclasses depend on. */
    private static String header(BodyDeclaration declaration) {
        String source = declaration.toString();
        if (declaration instanceof MethodDeclaration method && method.getBody() != null) {
            method.getBody().statements().clear();
            source = method.toString();
        } else if (declaration instanceof AbstractTypeDeclaration type) {
            int brace = source.indexOf('{');
            source = brace < 0 ? source : source.substring(0, brace);
        }
        return source.replaceAll("(?s)/\\*\\*.*?\\*/", "").replaceAll("\\s+", " ").strip();
    }
}
