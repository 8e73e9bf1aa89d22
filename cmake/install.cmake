# Install rules: headers, the library, the exported target iceaxe::iceaxe, the CMake package
# files (iceaxeConfig.cmake, iceaxeConfigVersion.cmake) and the pkg-config file iceaxe.pc.
# Included from the top-level CMakeLists.txt after the iceaxe target is defined.

option(ICEAXE_INSTALL "Generate iceaxe's install rules" ${PROJECT_IS_TOP_LEVEL})
if(NOT ICEAXE_INSTALL)
  return()
endif()

include(CMakePackageConfigHelpers)

set(ICEAXE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/iceaxe)

# A static libiceaxe.a does not contain fmt, which it links privately: its users must link
# fmt too (CMake exports it as $<LINK_ONLY:fmt::fmt>). A shared library carries it itself.
get_target_property(_iceaxe_type iceaxe TYPE)
if(_iceaxe_type STREQUAL "STATIC_LIBRARY")
  set(ICEAXE_STATIC ON)
else()
  set(ICEAXE_STATIC OFF)
endif()

install(TARGETS iceaxe
  EXPORT iceaxeTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# Everything under include/iceaxe is public API.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/iceaxe DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(EXPORT iceaxeTargets
  FILE iceaxeTargets.cmake
  NAMESPACE iceaxe::
  DESTINATION ${ICEAXE_CMAKE_DIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/iceaxeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/iceaxeConfig.cmake
  INSTALL_DESTINATION ${ICEAXE_CMAKE_DIR})
# 0.x: a minor release may break the API, so only the same major.minor is compatible.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/iceaxeConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/iceaxeConfig.cmake
  ${PROJECT_BINARY_DIR}/iceaxeConfigVersion.cmake
  DESTINATION ${ICEAXE_CMAKE_DIR})

# pkg-config. For a static library fmt is a public requirement: `pkg-config --static` is no
# way out, since it also pulls libpq's static-only dependencies (-lgssapi_krb5, -lldap...),
# which Debian's libpq-dev does not install.
if(ICEAXE_STATIC)
  set(ICEAXE_PC_REQUIRES "libpq, nlohmann_json >= 3.10, fmt")
  set(ICEAXE_PC_REQUIRES_PRIVATE "")
else()
  set(ICEAXE_PC_REQUIRES "libpq, nlohmann_json >= 3.10")
  set(ICEAXE_PC_REQUIRES_PRIVATE "fmt")
endif()
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(ICEAXE_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(ICEAXE_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
# The .pc is written at install time, so that `cmake --install --prefix DIR` gets DIR in it.
set(_iceaxe_pc ${PROJECT_BINARY_DIR}/iceaxe-install.pc)
install(CODE "
  set(ICEAXE_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  set(ICEAXE_PC_LIBDIR [[${ICEAXE_PC_LIBDIR}]])
  set(ICEAXE_PC_INCLUDEDIR [[${ICEAXE_PC_INCLUDEDIR}]])
  set(ICEAXE_PC_REQUIRES [[${ICEAXE_PC_REQUIRES}]])
  set(ICEAXE_PC_REQUIRES_PRIVATE [[${ICEAXE_PC_REQUIRES_PRIVATE}]])
  set(PROJECT_VERSION [[${PROJECT_VERSION}]])
  configure_file([[${PROJECT_SOURCE_DIR}/cmake/iceaxe.pc.in]] [[${_iceaxe_pc}]] @ONLY)
")
install(FILES ${_iceaxe_pc} DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig RENAME iceaxe.pc)
