# Layers and the include boundary between them (docs/architecture.md §1).
#
# Every layer is a folder and one static library, glass_<layer>. A layer may
# include its own headers and those of every layer below it (the transitive
# closure of its DEPS), and nothing else. The build enforces this: each layer's
# target is compiled against its own include root,
#   ${PROJECT_BINARY_DIR}/include-roots/<layer>/
# a folder made at configure time that holds one symlink per folder the layer may
# see (include-roots/x509/{core,crypto,x509} -> the source folders), instead of
# the repository root. `#include "handshake/engine.hpp"` in x509/ then fails with
# "No such file or directory". Includes keep their repository-rooted spelling.

set(GLASS_INCLUDE_ROOTS ${PROJECT_BINARY_DIR}/include-roots)

# glass_include_root(<name> <out-var> <source-dir>...): makes include-roots/<name>/
# hold exactly one symlink per source dir (named after the dir) and returns its path.
# Links that are already right are left alone, stale ones are removed.
function(glass_include_root name out)
  set(root ${GLASS_INCLUDE_ROOTS}/${name})
  file(MAKE_DIRECTORY ${root})
  set(wanted "")
  foreach(dir ${ARGN})
    get_filename_component(link ${dir} NAME)
    list(APPEND wanted ${link})
    set(current "")
    if(IS_SYMLINK ${root}/${link})
      file(READ_SYMLINK ${root}/${link} current)
    endif()
    if(NOT current STREQUAL dir)
      file(REMOVE_RECURSE ${root}/${link})  # never follows a symlink
      file(CREATE_LINK ${dir} ${root}/${link} SYMBOLIC)
    endif()
  endforeach()
  file(GLOB entries LIST_DIRECTORIES true RELATIVE ${root} ${root}/*)
  foreach(e ${entries})
    if(NOT e IN_LIST wanted)
      file(REMOVE_RECURSE ${root}/${e})
    endif()
  endforeach()
  set(${out} ${root} PARENT_SCOPE)
endfunction()

# glass_visible_dirs(<out-var> <target>...): the source folders the given layer
# targets may include (their own and everything below); other targets add none.
function(glass_visible_dirs out)
  set(dirs "")
  foreach(t ${ARGN})
    if(TARGET ${t})
      get_property(d GLOBAL PROPERTY GLASS_VISIBLE_${t})
      list(APPEND dirs ${d})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES dirs)
  set(${out} ${dirs} PARENT_SCOPE)
endfunction()

# glass_layer(<name> [DEPS <targets>...] [PRIVATE_DEPS <targets>...] [HEADERS <dir>...]
#             [PUBLIC_HEADERS <dir>]): the layer library over <name>/*.cpp and the .cpp
# files in its subfolders (handshake/extensions/).
# DEPS are the layers (glass_<x>) and outside libraries it uses; PRIVATE_DEPS those
# that only its .cpp files use (linked, but not passed on to users of the layer).
# HEADERS are extra header folders that belong to the layer (the api layer's
# include/glasstls). The layer may include <name>/, its HEADERS and whatever its
# DEPS and PRIVATE_DEPS may include. A target linking it gets the same include
# root, or only PUBLIC_HEADERS when that is given (the api layer: include/).
function(glass_layer name)
  cmake_parse_arguments(L "" "PUBLIC_HEADERS" "DEPS;PRIVATE_DEPS;HEADERS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${name}/*.cpp)
  add_library(glass_${name} STATIC ${srcs})
  glass_visible_dirs(below ${L_DEPS} ${L_PRIVATE_DEPS})
  set(own ${PROJECT_SOURCE_DIR}/${name})
  foreach(h ${L_HEADERS})
    get_filename_component(h ${h} ABSOLUTE BASE_DIR ${PROJECT_SOURCE_DIR})
    list(APPEND own ${h})
  endforeach()
  set(visible ${below} ${own})
  list(REMOVE_DUPLICATES visible)
  set_property(GLOBAL PROPERTY GLASS_VISIBLE_glass_${name} ${visible})
  glass_include_root(${name} root ${visible})
  if(L_PUBLIC_HEADERS)
    get_filename_component(pub ${L_PUBLIC_HEADERS} ABSOLUTE BASE_DIR ${PROJECT_SOURCE_DIR})
    target_include_directories(glass_${name} PRIVATE ${root} INTERFACE $<BUILD_INTERFACE:${pub}>)
  else()
    target_include_directories(glass_${name} PUBLIC $<BUILD_INTERFACE:${root}>)
  endif()
  target_link_libraries(glass_${name} PUBLIC ${L_DEPS} PRIVATE ${L_PRIVATE_DEPS})
  add_library(glasstls::${name} ALIAS glass_${name})
endfunction()

# glass_layer_root(<target> <folder> <layer-targets>...): gives a program that is a
# layer of its own (apps/) the include root of <folder> plus what the layers it
# links may include.
function(glass_layer_root target folder)
  glass_visible_dirs(below ${ARGN})
  set(visible ${below} ${PROJECT_SOURCE_DIR}/${folder})
  list(REMOVE_DUPLICATES visible)
  glass_include_root(${folder} root ${visible})
  target_include_directories(${target} PRIVATE ${root})
endfunction()
