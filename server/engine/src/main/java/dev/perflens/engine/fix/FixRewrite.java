package dev.perflens.engine.fix;

import dev.perflens.engine.TextEdit;
import dev.perflens.engine.text.LineDiff;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ImportDeclaration;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;
import org.eclipse.jdt.core.formatter.DefaultCodeFormatterConstants;
import org.eclipse.jdt.core.dom.rewrite.ListRewrite;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.Document;

/**
 * The edit a fix builds: a JDT {@link ASTRewrite} on the analysed compilation unit, plus the
 * helpers fixes share (imports, fresh names). {@link #toEdits} turns it into minimal text edits.
 */
public final class FixRewrite {
    private final CompilationUnit compilationUnit;
    private final ASTRewrite rewrite;
    private final Set<String> addedImports = new HashSet<>();
    /** Imports for a file that has none: ASTRewrite places these badly, so they are inserted as text. */
    private final java.util.SortedSet<String> importsWithoutNeighbours = new java.util.TreeSet<>();

    public FixRewrite(CompilationUnit compilationUnit) {
        this.compilationUnit = compilationUnit;
        this.rewrite = ASTRewrite.create(compilationUnit.getAST());
    }

    public AST ast() {
        return compilationUnit.getAST();
    }

    public ASTRewrite rewrite() {
        return rewrite;
    }

    public CompilationUnit compilationUnit() {
        return compilationUnit;
    }

    /**
     * Makes {@code qualifiedName} usable in the file and returns the name to write: the simple
     * name when it is (or can be) imported, the qualified name when another type of the same
     * simple name is already imported or declared in the file.
     */
    public String importType(String qualifiedName) {
        String simpleName = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        String packageName = qualifiedName.substring(0, qualifiedName.lastIndexOf('.'));
        if (packageName.equals("java.lang")) {
            return simpleName;
        }
        @SuppressWarnings("unchecked")
        List<ImportDeclaration> imports = compilationUnit.imports();
        for (ImportDeclaration declaration : imports) {
            if (declaration.isStatic()) {
                continue;
            }
            String name = declaration.getName().getFullyQualifiedName();
            if (declaration.isOnDemand() ? name.equals(packageName) : name.equals(qualifiedName)) {
                return simpleName;
            }
            if (!declaration.isOnDemand() && name.endsWith("." + simpleName)) {
                return qualifiedName;
            }
        }
        for (Object type : compilationUnit.types()) {
            if (declaresType((AbstractTypeDeclaration) type, simpleName)) {
                return qualifiedName;
            }
        }
        if (!addedImports.add(qualifiedName)) {
            return simpleName; // already imported by this fix: a second import would not compile
        }
        if (imports.isEmpty()) {
            importsWithoutNeighbours.add(qualifiedName);
        } else if (imports.size() > 0) {
            ImportDeclaration declaration = ast().newImportDeclaration();
            declaration.setName(ast().newName(qualifiedName));
            ListRewrite importList = rewrite.getListRewrite(compilationUnit, CompilationUnit.IMPORTS_PROPERTY);
            ImportDeclaration before = null;
            for (ImportDeclaration existing : imports) {
                if (!existing.isStatic() && existing.getName().getFullyQualifiedName().compareTo(qualifiedName) > 0) {
                    before = existing;
                    break;
                }
            }
            if (before != null) {
                importList.insertBefore(declaration, before, null);
            } else {
                importList.insertLast(declaration, null);
            }
        }
        return simpleName;
    }

    private static boolean declaresType(AbstractTypeDeclaration type, String simpleName) {
        if (type.getName().getIdentifier().equals(simpleName)) {
            return true;
        }
        for (Object member : type.bodyDeclarations()) {
            if (member instanceof AbstractTypeDeclaration nested && declaresType(nested, simpleName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code start.append(a).append(b)...}: each operand copied as the user wrote it (minus
     * enclosing parentheses, which an argument does not need).
     */
    public Expression appendChain(Expression start, List<Expression> operands) {
        Expression chain = start;
        for (Expression operand : operands) {
            Expression unwrapped = operand;
            while (unwrapped instanceof org.eclipse.jdt.core.dom.ParenthesizedExpression parenthesized) {
                unwrapped = parenthesized.getExpression();
            }
            org.eclipse.jdt.core.dom.MethodInvocation append = ast().newMethodInvocation();
            append.setExpression(chain);
            append.setName(ast().newSimpleName("append"));
            @SuppressWarnings("unchecked")
            List<Expression> arguments = append.arguments();
            arguments.add((Expression) rewrite.createCopyTarget(unwrapped));
            chain = append;
        }
        return chain;
    }

    /** The outermost type around {@code node}: where a fix puts a new static field. */
    public static AbstractTypeDeclaration topLevelType(ASTNode node) {
        AbstractTypeDeclaration top = null;
        for (ASTNode n = node; n != null; n = n.getParent()) {
            if (n instanceof AbstractTypeDeclaration type) {
                top = type;
            }
        }
        return top;
    }

    /**
     * A name based on {@code base} that no identifier in {@code scope} uses, so introducing
     * it can neither shadow nor be shadowed by anything there.
     */
    public static String freshName(String base, ASTNode scope) {
        Set<String> used = new HashSet<>();
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName node) {
                used.add(node.getIdentifier());
                return true;
            }
        });
        String candidate = base;
        for (int i = 2; used.contains(candidate); i++) {
            candidate = base + i;
        }
        return candidate;
    }

    /**
     * The rewrite as line-granular, non-overlapping text edits sorted by offset: the rewritten
     * text diffed against the original, so copies and moves of nodes come out as plain text.
     */
    public List<TextEdit> toEdits(String source, Map<String, String> formatterOptions) {
        Document document = new Document(source);
        try {
            rewrite.rewriteAST(document, withIndentationOf(source, formatterOptions)).apply(document);
            insertFirstImports(document);
        } catch (BadLocationException e) {
            throw new IllegalStateException("fix produced edits that do not apply: " + e.getMessage(), e);
        }
        return LineDiff.between(source, document.get()).edits();
    }

    /**
     * Inserts imports into a file that had none: after the package declaration, or before the
     * first type. The rewrite changed nothing above that point, so original offsets still hold.
     */
    private void insertFirstImports(Document document) throws BadLocationException {
        if (importsWithoutNeighbours.isEmpty()) {
            return;
        }
        StringBuilder block = new StringBuilder();
        for (String qualifiedName : importsWithoutNeighbours) {
            block.append("import ").append(qualifiedName).append(";\n");
        }
        if (compilationUnit.getPackage() != null) {
            var pkg = compilationUnit.getPackage();
            document.replace(pkg.getStartPosition() + pkg.getLength(), 0, "\n\n" + block.toString().stripTrailing());
        } else if (!compilationUnit.types().isEmpty()) {
            int start = compilationUnit.getExtendedStartPosition((ASTNode) compilationUnit.types().get(0));
            document.replace(start, 0, block + "\n");
        }
    }

    /** Formatter options that indent new code the way the file already is: tabs or spaces, and how many. */
    static Map<String, String> withIndentationOf(String source, Map<String, String> options) {
        Map<String, String> result = new java.util.HashMap<>(options);
        int tabLines = 0;
        int spaceLines = 0;
        int[] stepCounts = new int[9];
        int previousIndent = 0;
        for (String line : source.split("\r?\n|\r")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("\t")) {
                tabLines++;
            } else if (line.startsWith(" ")) {
                spaceLines++;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            int step = Math.abs(indent - previousIndent);
            if (step > 0 && step < stepCounts.length) {
                stepCounts[step]++;
            }
            previousIndent = indent;
        }
        int size = 4;
        for (int candidate = 1; candidate < stepCounts.length; candidate++) {
            if (stepCounts[candidate] > stepCounts[size]) {
                size = candidate;
            }
        }
        boolean tabs = tabLines > spaceLines;
        result.put(DefaultCodeFormatterConstants.FORMATTER_TAB_CHAR, tabs ? JavaCore.TAB : JavaCore.SPACE);
        result.put(DefaultCodeFormatterConstants.FORMATTER_TAB_SIZE, String.valueOf(tabs ? 4 : size));
        result.put(DefaultCodeFormatterConstants.FORMATTER_INDENTATION_SIZE, String.valueOf(tabs ? 4 : size));
        return result;
    }
}
