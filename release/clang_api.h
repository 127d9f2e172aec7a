/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * clang_api.h - libclang, loaded when an ABI is first extracted.
 *
 * Linking libclang makes every start of keel-release pay for loading it and
 * LLVM (tens of milliseconds of relocations), although maintainers, review
 * and a check served from the ABI store never parse a header. So the
 * functions extract.c calls are looked up with dlopen()/dlsym() on first
 * use; each pointer has the type of the declaration in <clang-c/Index.h>.
 */
#ifndef KEEL_RELEASE_CLANG_API_H
#define KEEL_RELEASE_CLANG_API_H

#include <clang-c/Index.h>

#define KEEL_CLANG_FUNCS(X) \
    X(clang_Cursor_Evaluate) \
    X(clang_Cursor_getOffsetOfField) \
    X(clang_Cursor_isBitField) \
    X(clang_Cursor_isMacroFunctionLike) \
    X(clang_EvalResult_dispose) \
    X(clang_EvalResult_getAsLongLong) \
    X(clang_EvalResult_getAsUnsigned) \
    X(clang_EvalResult_getKind) \
    X(clang_EvalResult_isUnsignedInt) \
    X(clang_Type_getAlignOf) \
    X(clang_Type_getSizeOf) \
    X(clang_Type_visitFields) \
    X(clang_createIndex) \
    X(clang_disposeDiagnostic) \
    X(clang_disposeIndex) \
    X(clang_disposeString) \
    X(clang_disposeTokens) \
    X(clang_disposeTranslationUnit) \
    X(clang_getArrayElementType) \
    X(clang_getCString) \
    X(clang_getCanonicalType) \
    X(clang_getCursorExtent) \
    X(clang_getCursorKind) \
    X(clang_getCursorLocation) \
    X(clang_getCursorSpelling) \
    X(clang_getCursorType) \
    X(clang_getDiagnostic) \
    X(clang_getDiagnosticLocation) \
    X(clang_getDiagnosticSeverity) \
    X(clang_getDiagnosticSpelling) \
    X(clang_getEnumConstantDeclUnsignedValue) \
    X(clang_getEnumConstantDeclValue) \
    X(clang_getEnumDeclIntegerType) \
    X(clang_getExpansionLocation) \
    X(clang_getFieldDeclBitWidth) \
    X(clang_getFile) \
    X(clang_getFileName) \
    X(clang_getInclusions) \
    X(clang_getNumDiagnostics) \
    X(clang_getRangeStart) \
    X(clang_getTokenKind) \
    X(clang_getTokenSpelling) \
    X(clang_getTranslationUnitCursor) \
    X(clang_getTypeDeclaration) \
    X(clang_getTypeSpelling) \
    X(clang_getTypedefDeclUnderlyingType) \
    X(clang_isCursorDefinition) \
    X(clang_parseTranslationUnit2) \
    X(clang_tokenize) \
    X(clang_visitChildren)

struct clang_api {
#define KEEL_CLANG_POINTER(name) __typeof__(name) *name;
    KEEL_CLANG_FUNCS(KEEL_CLANG_POINTER)
#undef KEEL_CLANG_POINTER
};

/* Loads libclang on the first call; fatal when it cannot be loaded. */
const struct clang_api *clang_api(void);

#endif
