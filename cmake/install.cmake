# `cmake --install` of glasstls: the public headers (include/glasstls/ only: they
# include none of the layers' own), the static library of every layer the API
# needs, the `glasstls` CLI, a CMake package (find_package(glasstls) → glasstls::glasstls)
# and a pkg-config file (glasstls.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GLASS_INSTALL_LAYERS core crypto record x509 handshake net inspect teach api)

# Exported names: glasstls::glasstls for the API, glasstls::<layer> for the rest.
foreach(layer ${GLASS_INSTALL_LAYERS})
  if(layer STREQUAL "api")
    set_target_properties(glass_api PROPERTIES EXPORT_NAME glasstls)
  else()
    set_target_properties(glass_${layer} PROPERTIES EXPORT_NAME ${layer})
  endif()
endforeach()
target_include_directories(glass_api INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

# libmbedcrypto is linked by absolute path in the build; an installed package finds
# it again on the user's machine (glasstlsConfig.cmake makes glasstls::mbedcrypto).
get_target_property(_crypto_links glass_crypto INTERFACE_LINK_LIBRARIES)
list(TRANSFORM _crypto_links REPLACE "^${MBEDCRYPTO_LIB}$"
     "$<BUILD_INTERFACE:${MBEDCRYPTO_LIB}>;$<INSTALL_INTERFACE:glasstls::mbedcrypto>")
set_target_properties(glass_crypto PROPERTIES INTERFACE_LINK_LIBRARIES "${_crypto_links}")

list(TRANSFORM GLASS_INSTALL_LAYERS PREPEND glass_ OUTPUT_VARIABLE _glass_targets)
install(TARGETS ${_glass_targets} EXPORT glasstlsTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/glasstls DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
if(NOT (GLASS_FUZZ AND GLASS_FUZZ_ENGINE))  # the CLI is built (apps/ comes later)
  install(PROGRAMS $<TARGET_FILE:glasstls> DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT glasstlsTargets NAMESPACE glasstls::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/glasstls)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/glasstlsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/glasstlsConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/glasstls)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/glasstlsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/glasstlsConfig.cmake
              ${PROJECT_BINARY_DIR}/glasstlsConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/glasstls)

# An install made from a sanitizer build needs the sanitizer runtime in the consumer.
if(GLASS_SANITIZE)
  target_link_options(glass_api INTERFACE $<INSTALL_INTERFACE:-fsanitize=address,undefined>)
endif()

# pkg-config: static libraries, so Libs lists every layer (in link order) and mbedcrypto.
set(GLASS_PC_SANITIZE "")
if(GLASS_SANITIZE)
  set(GLASS_PC_SANITIZE " -fsanitize=address,undefined")
endif()
# The prefix is found from the .pc file's own place, so `cmake --install --prefix` works.
file(RELATIVE_PATH GLASS_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${CMAKE_CURRENT_LIST_DIR}/glasstls.pc.in ${PROJECT_BINARY_DIR}/glasstls.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/glasstls.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
